import 'server-only';
import { ArticleModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { replaceStatement, tagDocument } from './documents';
import { searchSql } from './engine';
import { keyList, searchKey } from './keys';

/**
 * Recounts each tag's public articles in MongoDB: a tag with some is in the `tags` index with its
 * count, one with none leaves it. Only public articles count, so a tag used only on friends-only
 * articles is never shown to strangers.
 */
export async function syncTagsToSearch(tags: readonly string[]): Promise<void> {
  const unique = [...new Set(tags.filter(Boolean))];
  if (unique.length === 0) return;
  await connectDb();
  const counted = await Promise.all(
    unique.map(async (tag) => ({
      tag,
      count: await ArticleModel.countDocuments({
        tags: tag,
        status: 'published',
        visibility: 'public',
      }),
    })),
  );
  const statement = replaceStatement(
    'tags',
    counted.filter(({ count }) => count > 0).map(({ tag, count }) => tagDocument(tag, count)),
  );
  if (statement) await searchSql(statement.sql, statement.values);
  const gone = counted.filter(({ count }) => count === 0).map(({ tag }) => searchKey(`tag:${tag}`));
  if (gone.length > 0) await searchSql(`DELETE FROM tags WHERE id IN (${keyList(gone)})`);
}
