import { Types } from 'mongoose';
import { canSeeArticle } from '@/lib/articles/access';
import { getArticleView } from '@/lib/articles/cache';
import { CommentModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { getUserById } from '@/lib/users/cache';
import { fail, ok, type Result } from '@/lib/validation/result';
import type { TargetKind } from './models';

const NOT_FOUND = 'This is not there any more (or you cannot see it).';

/**
 * What `viewerId` may report: something they can see now, and not their own. Answers the item's
 * author (the person, for a profile).
 */
export async function findReportable(
  kind: TargetKind,
  id: string,
  viewerId: string,
): Promise<Result<{ authorId: string }>> {
  if (!Types.ObjectId.isValid(id)) return fail('not-found', NOT_FOUND);
  const found = await authorOfVisible(kind, id, viewerId);
  if (!found) return fail('not-found', NOT_FOUND);
  if (found === viewerId) return fail('invalid', 'You cannot report your own.');
  return ok({ authorId: found });
}

async function authorOfVisible(
  kind: TargetKind,
  id: string,
  viewerId: string,
): Promise<string | null> {
  if (kind === 'profile') return (await getUserById(id))?.id ?? null;
  if (kind === 'article') {
    const view = await getArticleView(id);
    return view && (await canSeeArticle(view, viewerId)) ? view.authorId : null;
  }
  await connectDb();
  const comment = await CommentModel.findById(id, {
    articleId: 1,
    authorId: 1,
    hiddenAt: 1,
  }).lean();
  if (!comment || comment.hiddenAt) return null;
  const view = await getArticleView(comment.articleId.toString());
  return view && (await canSeeArticle(view, viewerId)) ? comment.authorId.toString() : null;
}
