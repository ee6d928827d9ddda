import { Types } from 'mongoose';
import { readThrough } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/users/cache';
import { articleKeys } from './cache';
import { buildCommentTree, type CommentThread, type CommentView } from './comment-tree';
import { CommentModel } from './models';
import { renderCommentMarkdown } from './render-markdown';
import { COMMENT_LIMITS } from './schemas';

export type { CommentThread, CommentView } from './comment-tree';

const COMMENTS_TTL_SECONDS = 24 * 60 * 60;

/**
 * An article's comments as one cached object, dropped when any of them changes, then shown as a
 * tree. Each comment's HTML is in the object: nothing is rendered on a view.
 */
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
          .limit(COMMENT_LIMITS.maxPerArticle)
          .lean();
        const views: CommentView[] = [];
        // One at a time: a cold thread of old comments must not flood the render workers.
        for (const row of rows) {
          // Hidden by a moderator: gone for everyone, with the replies under it (the tree drops them).
          if (row.hiddenAt) continue;
          views.push({
            id: row._id.toString(),
            authorId: row.authorId.toString(),
            parentId: row.parentId ? row.parentId.toString() : null,
            body: row.body,
            html: row.html ?? (await renderStoredComment(row.body)),
            createdAt: row.createdAt.toISOString(),
            edited: Boolean(row.editedAt),
          });
        }
        return views;
      },
    })) ?? [];
  const authors = new Map(
    (await getUsersByIds(comments.map((comment) => comment.authorId))).map((user) => [
      user.id,
      user,
    ]),
  );
  // A deleted account's comments (and the replies to them) are hidden at once; its deletion job
  // removes them soon after.
  return buildCommentTree(
    comments.map((comment) => ({ ...comment, author: authors.get(comment.authorId) ?? null })),
  );
}

/**
 * A comment written before comments took Markdown (no HTML stored): its text becomes Markdown
 * source, rendered here, when the cached object is built. Should the render be refused, the text
 * is shown as it is, escaped, so nothing written is lost.
 */
async function renderStoredComment(body: string): Promise<string> {
  const rendered = await renderCommentMarkdown(body);
  if (rendered.ok) return rendered.value.html;
  return `<p>${escapeHtml(body).replace(/\n/g, '<br>\n')}</p>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
