import 'server-only';
import { isDuplicateKey } from '@/lib/db/errors';
import type { Article } from './models';
import { ArticleRevisionModel, REVISIONS_KEPT } from './revision-model';

/**
 * Keeps the published text an update is about to replace (the caller holds the article's lock and
 * writes the update next). Unique by (article, version): a save retried after a crash keeps it
 * once. Beyond REVISIONS_KEPT the oldest go, so an article's history stays bounded.
 */
export async function keepRevision(current: Article): Promise<void> {
  try {
    // A plain insert: an upsert's $setOnInsert would drop the empty tag list.
    await ArticleRevisionModel.create({
      articleId: current._id,
      version: current.version,
      authorId: current.authorId,
      title: current.title,
      body: current.body,
      tags: [...current.tags],
      visibility: current.visibility,
      cover: current.cover ? { hash: current.cover.hash, sizes: [...current.cover.sizes] } : null,
      savedAt: current.updatedAt,
      savedBy: current.authorId,
    });
  } catch (error) {
    // Kept already by an attempt that stopped before writing the update.
    if (!isDuplicateKey(error)) throw error;
  }
  const beyond = await ArticleRevisionModel.find({ articleId: current._id }, { _id: 1 })
    .sort({ version: -1 })
    .skip(REVISIONS_KEPT)
    .lean();
  if (beyond.length > 0)
    await ArticleRevisionModel.deleteMany({ _id: { $in: beyond.map((row) => row._id) } });
}
