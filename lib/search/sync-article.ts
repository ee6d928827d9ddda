import 'server-only';
import { Types } from 'mongoose';
import { ArticleModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { articleDocument, replaceStatement } from './documents';
import { searchSql } from './engine';
import { keyList, searchKey } from './keys';
import { syncTagsToSearch } from './sync-tags';

export type SyncOutcome = 'indexed' | 'removed';

/**
 * Makes the engine agree with MongoDB about one article, whatever the event that asked: loaded
 * afresh, indexed if search may show it (published, listed, its author's account not being
 * deleted), removed otherwise; the tags it had and has are recounted. Running it twice, late or
 * out of order changes nothing more, so every article event (and moderation's) may trigger it.
 */
export async function syncArticleToSearch(articleId: string): Promise<SyncOutcome> {
  await connectDb();
  const article = Types.ObjectId.isValid(articleId)
    ? await ArticleModel.findById(articleId).lean()
    : null;
  const authorActive =
    article !== null &&
    (await UserModel.exists({ _id: article.authorId, deletedAt: null })) !== null;
  const document = article && authorActive ? articleDocument(article) : null;
  const key = searchKey(articleId);
  const [indexed] = await searchSql('SELECT tag_list FROM articles WHERE id = ' + keyList([key]));
  const previousTags = String(indexed?.[0]?.tag_list ?? '')
    .split(' ')
    .filter(Boolean);
  const statement = document ? replaceStatement('articles', [document]) : null;
  if (statement) await searchSql(statement.sql, statement.values);
  else await searchSql(`DELETE FROM articles WHERE id = ${keyList([key])}`);
  await syncTagsToSearch([...previousTags, ...(article?.tags ?? [])]);
  return statement ? 'indexed' : 'removed';
}

/** Every article of an author leaves the index (their account is being deleted). */
export async function removeAuthorArticlesFromSearch(authorId: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const [rows = []] = await searchSql(
      `SELECT id, tag_list FROM articles WHERE author_key = ${keyList([searchKey(authorId)])} LIMIT 500`,
    );
    if (rows.length === 0) return removed;
    await searchSql(
      `DELETE FROM articles WHERE id IN (${keyList(rows.map((row) => String(row.id)))})`,
    );
    await syncTagsToSearch(rows.flatMap((row) => String(row.tag_list ?? '').split(' ')));
    removed += rows.length;
  }
}
