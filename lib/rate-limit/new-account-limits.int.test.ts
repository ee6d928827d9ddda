import { describe, expect, it } from 'vitest';
import { CommentModel } from '@/lib/articles/models';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { scheduleArticle } from '@/lib/articles/schedule-article';
import { addComment } from '@/lib/articles/write-comment';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { isNewAccount, NEW_ACCOUNT_LIMITS } from './new-account-limits';
import { RATE_LIMITS } from './rate-limit';

type Person = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

async function draftOf(person: Person, title = 'A title') {
  const draft = await createArticle(person.viewer, { title, body: 'Some words.' });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.value.id;
}

async function publish(person: Person, title = 'A title') {
  return saveArticle(person.viewer, await draftOf(person, title), {}, 'publish');
}

/** `count` publications by `person`, one after another: whether each was let through. */
async function publishMany(person: Person, count: number): Promise<boolean[]> {
  const outcomes: boolean[] = [];
  for (let index = 0; index < count; index += 1)
    outcomes.push((await publish(person, `Article ${index}`)).ok);
  return outcomes;
}

describe('new-account limits', () => {
  it('keeps the lower limits below the everyday ones, on the same counters', () => {
    const { publish: young, comment } = NEW_ACCOUNT_LIMITS;
    expect(young.policy.limit).toBeLessThan(RATE_LIMITS.publishPerAccount.limit);
    expect(comment.policy.limit).toBeLessThan(RATE_LIMITS.commentsPerAccount.limit);
    expect(young.policy.name).toBe(RATE_LIMITS.publishPerAccount.name);
    expect(comment.policy.name).toBe(RATE_LIMITS.commentsPerAccount.name);
  });

  it('counts an account as new for its first day', () => {
    const joined = Date.parse('2026-03-01T12:00:00Z');
    const at = (hours: number) => joined + hours * 60 * 60 * 1000;
    const joinedAt = new Date(joined).toISOString();
    expect(isNewAccount(joinedAt, at(0))).toBe(true);
    expect(isNewAccount(joinedAt, at(23.9))).toBe(true);
    expect(isNewAccount(joinedAt, at(24))).toBe(false);
    expect(isNewAccount('not a date', at(48))).toBe(true);
  });

  it('refuses a new account past its lower publishing limit, and not an older one', async () => {
    const [young, older] = await Promise.all([
      makeUser('young', { newAccount: true }),
      makeUser('older'),
    ]);
    const limit = NEW_ACCOUNT_LIMITS.publish.policy.limit;
    expect(await publishMany(young, limit)).toEqual(Array(limit).fill(true));
    const refused = await publish(young, 'One too many');
    expect(refused).toMatchObject({
      ok: false,
      code: 'rate-limited',
      formError: expect.stringMatching(
        new RegExp(
          `^New accounts can publish ${limit} articles an hour for their first day\\. Please wait \\d+ minutes? and try again\\.$`,
        ),
      ),
    });
    // Scheduling is publishing later: the same limit.
    const scheduled = await scheduleArticle(young.viewer, await draftOf(young), {
      publishAt: new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString(),
    });
    expect(scheduled).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(await publishMany(older, limit + 1)).toEqual(Array(limit + 1).fill(true));
  });

  it('refuses a new account past its lower comment limit, and not an older one', async () => {
    const [author, young, older] = await Promise.all([
      makeUser('author'),
      makeUser('young', { newAccount: true }),
      makeUser('older'),
    ]);
    const published = await publish(author, 'Talk here');
    if (!published.ok) throw new Error(JSON.stringify(published));
    const articleId = published.value.id;
    const limit = NEW_ACCOUNT_LIMITS.comment.policy.limit;
    const comment = (person: Person) => addComment(person.viewer, articleId, { body: 'Hello.' });
    for (let index = 0; index < limit; index += 1) expect((await comment(young)).ok).toBe(true);
    expect(await comment(young)).toMatchObject({
      ok: false,
      code: 'rate-limited',
      formError: expect.stringMatching(
        new RegExp(
          `^New accounts can write ${limit} comments every 10 minutes for their first day\\. Please wait`,
        ),
      ),
    });
    for (let index = 0; index <= limit; index += 1) expect((await comment(older)).ok).toBe(true);
  });

  it('marks every link in a comment nofollow ugc, whoever wrote it', async () => {
    const [author, young, older] = await Promise.all([
      makeUser('author'),
      makeUser('young', { newAccount: true }),
      makeUser('older'),
    ]);
    const published = await publish(author, 'Links');
    if (!published.ok) throw new Error(JSON.stringify(published));
    for (const person of [young, older]) {
      const added = await addComment(person.viewer, published.value.id, {
        body: 'See [this](https://spam.example/buy) and https://other.example/page',
      });
      if (!added.ok) throw new Error(JSON.stringify(added));
      const stored = await CommentModel.findById(added.value.id).lean();
      const anchors = stored?.html?.match(/<a [^>]*>/g) ?? [];
      expect(anchors).toHaveLength(2);
      for (const anchor of anchors) {
        const rel = /rel="([^"]*)"/.exec(anchor)?.[1]?.split(' ') ?? [];
        expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc']));
      }
    }
  });
});
