import { Types } from 'mongoose';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { ModerationCaseModel } from '@/lib/moderation/models';
import { reportItem } from '@/lib/moderation/report-item';
import { UserModel, type Role } from '@/lib/users/user-model';
import { makeUser } from './users';

export type Person = Awaited<ReturnType<typeof makeUser>>;

/** A fresh account with `role`. */
export async function withRole(role: Role, prefix: string = role): Promise<Person> {
  const person = await makeUser(prefix);
  await UserModel.updateOne({ _id: new Types.ObjectId(person.id) }, { $set: { role } });
  return person;
}

/** A published article of `person`: its id. */
export async function publishedBy(person: Person, title = 'Reported'): Promise<string> {
  const draft = await createArticle(person.viewer, { title, body: 'Some words.' });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await saveArticle(person.viewer, draft.value.id, {}, 'publish');
  if (!published.ok) throw new Error(JSON.stringify(published));
  return draft.value.id;
}

export const reportArticle = (person: Person, id: string, reason = 'spam', note?: string) =>
  reportItem(person.viewer, { kind: 'article', id, reason, ...(note ? { note } : {}) });

/**
 * An article by `author` (a fresh member unless given) with one open case about it, reported by
 * `reporter` (a fresh member unless given).
 */
export async function openArticleCase(
  people: { author?: Person; reporter?: Person } = {},
): Promise<{ author: Person; articleId: string; caseId: string }> {
  const author = people.author ?? (await makeUser('author'));
  const reporter = people.reporter ?? (await makeUser('reporter'));
  const articleId = await publishedBy(author);
  const reported = await reportArticle(reporter, articleId);
  if (!reported.ok) throw new Error(JSON.stringify(reported));
  const found = await ModerationCaseModel.findOne({ targetKey: `article:${articleId}` }).lean();
  if (!found) throw new Error('no case');
  return { author, articleId, caseId: found._id.toString() };
}
