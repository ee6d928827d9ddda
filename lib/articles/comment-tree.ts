import type { PublicUser } from '@/lib/users/public-user';

/** One comment as the cached comments object keeps it. */
export interface CommentView {
  id: string;
  authorId: string;
  /** The comment it answers; null on the article itself. */
  parentId: string | null;
  /** Markdown source (the edit form shows it). */
  body: string;
  /** The body rendered and sanitised once, when written (lib/articles/render-markdown.ts). */
  html: string;
  createdAt: string;
  edited: boolean;
}

export type CommentWithAuthor = CommentView & { author: PublicUser | null };

export interface CommentThread {
  comment: CommentWithAuthor;
  /**
   * Whom it answers, when it is shown beside rather than under that comment: replies deeper than
   * the page indents (SHOWN_LEVELS) join the deepest level shown.
   */
  replyingTo: { commentId: string; username: string } | null;
  replies: CommentThread[];
}

/** Levels of indentation the page shows: a comment, a reply, a reply to it, and one more. */
export const SHOWN_LEVELS = 4;

/**
 * The conversation as a tree, built from the flat cached list (oldest first) with no further
 * reads. Comments whose author is gone (`author` null) are left out with everything under them.
 */
export function buildCommentTree(comments: CommentWithAuthor[]): CommentThread[] {
  const shown = comments.filter((comment) => comment.author !== null);
  const byId = new Map(shown.map((comment) => [comment.id, comment]));
  const children = new Map<string, CommentWithAuthor[]>();
  for (const comment of shown) {
    if (!comment.parentId) continue;
    const siblings = children.get(comment.parentId) ?? [];
    siblings.push(comment);
    children.set(comment.parentId, siblings);
  }
  const descendants = (comment: CommentWithAuthor): CommentWithAuthor[] => {
    const found = new Set<string>();
    const pending = [comment.id];
    for (let id = pending.pop(); id; id = pending.pop()) {
      for (const child of children.get(id) ?? []) {
        found.add(child.id);
        pending.push(child.id);
      }
    }
    // Oldest first, as the list is.
    return shown.filter((entry) => found.has(entry.id));
  };
  const leaf = (comment: CommentWithAuthor, replyingTo: CommentThread['replyingTo']) => ({
    comment,
    replyingTo,
    replies: [],
  });
  const build = (comment: CommentWithAuthor, level: number): CommentThread => {
    const direct = children.get(comment.id) ?? [];
    if (level + 2 < SHOWN_LEVELS)
      return { comment, replyingTo: null, replies: direct.map((c) => build(c, level + 1)) };
    // The next level is the deepest shown: each reply there brings its whole conversation along.
    const replies = direct.flatMap((reply) => [
      leaf(reply, null),
      ...descendants(reply).map((deeper) => {
        const parent = deeper.parentId ? byId.get(deeper.parentId) : undefined;
        return leaf(
          deeper,
          parent?.author ? { commentId: parent.id, username: parent.author.username } : null,
        );
      }),
    ]);
    return { comment, replyingTo: null, replies };
  };
  return shown.filter((comment) => comment.parentId === null).map((root) => build(root, 0));
}

/** How many comments a tree shows. */
export function countComments(threads: CommentThread[]): number {
  return threads.reduce((sum, thread) => sum + 1 + countComments(thread.replies), 0);
}
