import { Types } from 'mongoose';
import { ArticleModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { findByIds } from '@/lib/db/find-by-ids';
import { UserModel } from '@/lib/users/user-model';
import { articleDocument, personDocument, replaceStatement, tagDocument } from './documents';
import { searchSql } from './engine';

/** Documents written per step of the rebuild job. */
export const REBUILD_BATCH = 200;

export interface RebuildBatch {
  written: number;
  /** The last id read: the next batch starts after it; null when everything was read. */
  next: string | null;
}

function afterId(after: string | null): Record<string, unknown> {
  return after ? { _id: { $gt: new Types.ObjectId(after) } } : {};
}

/**
 * One batch of the rebuild: published listed articles after `after` (in id order) are written
 * to the index; REPLACE makes a repeated batch harmless.
 */
export async function rebuildArticlesBatch(after: string | null): Promise<RebuildBatch> {
  await connectDb();
  const rows = await ArticleModel.find({
    ...afterId(after),
    status: 'published',
    visibility: { $in: ['public', 'friends'] },
  })
    .sort({ _id: 1 })
    .limit(REBUILD_BATCH)
    .lean();
  const active = await activeAuthors(rows.map((row) => row.authorId.toString()));
  const documents = rows.flatMap((row) => {
    const document = active.has(row.authorId.toString()) ? articleDocument(row) : null;
    return document ? [document] : [];
  });
  const statement = replaceStatement('articles', documents);
  if (statement) await searchSql(statement.sql, statement.values);
  return { written: documents.length, next: nextOf(rows) };
}

/** Authors read in groups findByIds reads one `_id` lookup each (never a `$in`, see there). */
const AUTHORS_AT_ONCE = 64;

/** Which of these authors still have an account (not being deleted). */
async function activeAuthors(ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const active = new Set<string>();
  for (let start = 0; start < unique.length; start += AUTHORS_AT_ONCE) {
    const users = await findByIds(UserModel, unique.slice(start, start + AUTHORS_AT_ONCE), {
      _id: 1,
      deletedAt: 1,
    });
    for (const user of users) if (!user.deletedAt) active.add(user._id.toString());
  }
  return active;
}

/** One batch of people after `after`. */
export async function rebuildPeopleBatch(after: string | null): Promise<RebuildBatch> {
  await connectDb();
  const rows = await UserModel.find({ ...afterId(after), deletedAt: null })
    .sort({ _id: 1 })
    .limit(REBUILD_BATCH)
    .lean();
  const documents = rows.flatMap((row) => {
    const document = personDocument(row);
    return document ? [document] : [];
  });
  const statement = replaceStatement('people', documents);
  if (statement) await searchSql(statement.sql, statement.values);
  return { written: documents.length, next: nextOf(rows) };
}

/** Every tag of a public article, with its count (one aggregation: tags are few). */
export async function rebuildTags(): Promise<number> {
  await connectDb();
  const counts = await ArticleModel.aggregate<{ _id: string; count: number }>([
    { $match: { status: 'published', visibility: 'public' } },
    { $unwind: '$tags' },
    { $group: { _id: '$tags', count: { $sum: 1 } } },
  ]);
  for (let start = 0; start < counts.length; start += REBUILD_BATCH) {
    const slice = counts.slice(start, start + REBUILD_BATCH);
    const statement = replaceStatement(
      'tags',
      slice.map(({ _id, count }) => tagDocument(_id, count)),
    );
    if (statement) await searchSql(statement.sql, statement.values);
  }
  return counts.length;
}

function nextOf(rows: { _id: Types.ObjectId }[]): string | null {
  const last = rows[rows.length - 1];
  return rows.length === REBUILD_BATCH && last ? last._id.toString() : null;
}

/** The whole rebuild in this process (the demo's seed; the job does the same in steps). */
export async function rebuildSearchIndexNow(): Promise<{ articles: number; people: number }> {
  let articles = 0;
  let people = 0;
  for (let after: string | null = null, done = false; !done;) {
    const batch = await rebuildArticlesBatch(after);
    articles += batch.written;
    after = batch.next;
    done = after === null;
  }
  for (let after: string | null = null, done = false; !done;) {
    const batch = await rebuildPeopleBatch(after);
    people += batch.written;
    after = batch.next;
    done = after === null;
  }
  await rebuildTags();
  return { articles, people };
}
