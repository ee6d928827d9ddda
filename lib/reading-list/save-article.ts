import 'server-only';
import { Types } from 'mongoose';
import { loadArticleToRespondTo } from '@/lib/articles/access';
import { getArticleView } from '@/lib/articles/cache';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { isSaved, recordSavedChange, SAVED_CAP } from './cache';
import { SavedArticleModel } from './model';
import { savedArticleSchema, type SavedState } from './schemas';

const FULL = `Your saved list is full (${SAVED_CAP.toLocaleString('en')} articles). Remove some to save more.`;

/**
 * PUT /api/articles/<id>/save: adds an article the reader may read to their own saved list.
 * Saving again changes nothing (the first time of saving stays). Someone in a block with the
 * author cannot save their articles, as they cannot like them.
 */
export async function saveArticleForLater(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<SavedState>> {
  const parsed = parseInput(savedArticleSchema, { articleId });
  if (!parsed.ok) return parsed;
  const readerId = viewer.user.id;
  const readable = await loadArticleToRespondTo(await getArticleView(articleId), readerId);
  if (!readable.ok) return readable;
  const limited = await enforceRateLimits([[RATE_LIMITS.savesPerAccount, readerId]], 'saves');
  if (limited) return limited;
  if (await isSaved(readerId, articleId)) return ok({ saved: true });
  await connectDb();
  const userId = new Types.ObjectId(readerId);
  if ((await SavedArticleModel.countDocuments({ userId })) >= SAVED_CAP)
    return fail('conflict', FULL);
  const savedAt = new Date();
  try {
    await SavedArticleModel.create({ userId, articleId: new Types.ObjectId(articleId), savedAt });
  } catch (error) {
    // Saved already (a double click racing itself): the first save stands.
    if (!isDuplicateKey(error)) throw error;
    return ok({ saved: true });
  }
  // Two saves racing past the count: the later one is taken back, so the cap holds.
  if ((await SavedArticleModel.countDocuments({ userId })) > SAVED_CAP) {
    await SavedArticleModel.deleteOne({ userId, articleId: new Types.ObjectId(articleId) });
    return fail('conflict', FULL);
  }
  await recordSavedChange(readerId, articleId, { saved: true, savedAt });
  return ok({ saved: true });
}
