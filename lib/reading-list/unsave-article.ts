import 'server-only';
import { Types } from 'mongoose';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { recordSavedChange } from './cache';
import { SavedArticleModel } from './model';
import { savedArticleSchema, type SavedState } from './schemas';

/**
 * DELETE /api/articles/<id>/save: takes an article out of the reader's own saved list (whether
 * or not they may still read it). Removing what is not there changes nothing.
 */
export async function unsaveArticle(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<SavedState>> {
  const parsed = parseInput(savedArticleSchema, { articleId });
  if (!parsed.ok) return parsed;
  const readerId = viewer.user.id;
  const limited = await enforceRateLimits([[RATE_LIMITS.savesPerAccount, readerId]], 'saves');
  if (limited) return limited;
  await connectDb();
  const removed = await SavedArticleModel.deleteOne({
    userId: new Types.ObjectId(readerId),
    articleId: new Types.ObjectId(articleId),
  });
  if (removed.deletedCount > 0) await recordSavedChange(readerId, articleId, { saved: false });
  return ok({ saved: false });
}
