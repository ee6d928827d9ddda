import { Types } from 'mongoose';
import { readThrough } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { articleKeys } from './cache';
import { CommentModel } from './models';

export interface CommentView {
  id: string;
  authorId: string;
  parentId: string | null;
  body: string;
  createdAt: string;
  edited: boolean;
}

export interface CommentThread {
  comment: CommentView & { author: PublicUser | null };
  replies: (CommentView & { author: PublicUser | null })[];
}

const COMMENTS_TTL_SECONDS = 24 * 60 * 60;

/** An article's comments as one cached object, dropped when any of them changes. */
export async function listComments(articleId: string): Promise<CommentThread[]> {
  const comments =
    (await readThrough<CommentView[]>({
      kind: 'article',
      key: articleKeys.comments(articleId),
      ttlSeconds: COMMENTS_TTL_SECONDS,
      load: async () => {
        await connectDb();
        const rows = await CommentModel.find({ articleId: new Types.ObjectId(articleId) })
          .sort({ createdAt: 1 })
          .limit(1_000)
          .lean();
        return rows.map((row) => ({
          id: row._id.toString(),
          authorId: row.authorId.toString(),
          parentId: row.parentId ? row.parentId.toString() : null,
          body: row.body,
          createdAt: row.createdAt.toISOString(),
          edited: Boolean(row.editedAt),
        }));
      },
    })) ?? [];
  const authors = new Map(
    (await getUsersByIds(comments.map((comment) => comment.authorId))).map((user) => [
      user.id,
      user,
    ]),
  );
  const withAuthor = (comment: CommentView) => ({
    ...comment,
    author: authors.get(comment.authorId) ?? null,
  });
  // A deleted account's comments (and the replies to them) are hidden at once; its deletion job
  // removes them soon after.
  const shown = comments.filter((comment) => authors.has(comment.authorId));
  return shown
    .filter((comment) => comment.parentId === null)
    .map((comment) => ({
      comment: withAuthor(comment),
      replies: shown.filter((reply) => reply.parentId === comment.id).map(withAuthor),
    }));
}
