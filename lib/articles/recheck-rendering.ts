import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { ArticleModel } from './models';
import type { RenderRefusal } from './render/limits';
import { unpublishUnrenderableArticle } from './unpublish-article';

export interface WithdrawnForRendering {
  articleId: string;
  authorId: string;
  reason: RenderRefusal;
}

/** Published article ids in `_id` order after `after`: the recheck job's batches. */
export async function publishedArticleIdsAfter(
  after: string | null,
  limit: number,
): Promise<string[]> {
  await connectDb();
  const rows = await ArticleModel.find(
    { status: 'published', ...(after ? { _id: { $gt: new Types.ObjectId(after) } } : {}) },
    { _id: 1 },
  )
    .sort({ _id: 1 })
    .limit(limit)
    .lean();
  return rows.map((row) => row._id.toString());
}

/**
 * Renders each article under the limits, one at a time (each render may take the whole time
 * budget of a worker), and takes back to draft those that fail. Safe to repeat: a withdrawn
 * article is a draft and is skipped.
 */
export async function recheckArticlesRendering(
  articleIds: readonly string[],
): Promise<WithdrawnForRendering[]> {
  const withdrawn: WithdrawnForRendering[] = [];
  for (const articleId of articleIds) {
    const outcome = await unpublishUnrenderableArticle(articleId);
    if (outcome) withdrawn.push(outcome);
  }
  return withdrawn;
}
