import { canSeeArticle } from '@/lib/articles/access';
import type { ArticleView } from '@/lib/articles/article-view';
import { getArticleViews } from '@/lib/articles/cache';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { commentAnchor } from '@/lib/articles/comment-anchor';
import { NOTIFICATION_LIST_SIZE, notificationRows } from './cache';
import type { NotificationKind } from './model';

/** Kinds whose subject is no article (an export, a moderation case). */
const NOT_ABOUT_ARTICLES = new Set<NotificationKind>([
  'data-export',
  'moderation',
  'report-handled',
]);

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actor: PublicUser | null;
  subjectId: string | null;
  /** The article it is about, while it is still published; `path` leads to the comment, if one. */
  article: { title: string; path: string } | null;
  createdAt: string;
  read: boolean;
}

/**
 * A comment's or a reply's notification (keyed `comment:<id>` or `comment-reply:<id>`) leads to
 * that comment itself on the page.
 */
function withCommentAnchor(
  link: { title: string; path: string } | null,
  key: string | null,
): { title: string; path: string } | null {
  const commentId = key ? (/^comment(?:-reply)?:(.*)$/.exec(key)?.[1] ?? null) : null;
  return link && commentId && /^[a-f0-9]{24}$/.test(commentId)
    ? { ...link, path: `${link.path}#${commentAnchor(commentId)}` }
    : link;
}

/**
 * The newest notifications of a user (at most NOTIFICATION_LIST_SIZE), with the people who caused
 * them and the articles concerned: every part a cached object (a warm page reads no MongoDB).
 */
export async function listNotifications(
  userId: string,
  limit = NOTIFICATION_LIST_SIZE,
): Promise<NotificationView[]> {
  const rows = (await notificationRows(userId)).slice(0, limit);
  const articles = new Map<string, ArticleView>(
    (
      await readableBy(
        userId,
        await getArticleViews(
          rows.flatMap((row) =>
            row.subjectId && !NOT_ABOUT_ARTICLES.has(row.kind) ? [row.subjectId] : [],
          ),
        ),
      )
    ).map((article) => [article.id, article]),
  );
  const people = new Map(
    (
      await getUsersByIds([
        ...rows.map((row) => row.actorId),
        ...[...articles.values()].map((article) => article.authorId),
      ])
    ).map((user) => [user.id, user]),
  );
  const articleLink = (subjectId: string | null) => {
    const article = subjectId ? articles.get(subjectId) : undefined;
    const author = article ? people.get(article.authorId) : undefined;
    return article && author
      ? { title: article.title, path: `/u/${author.usernameKey}/${article.slug}` }
      : null;
  };
  // Nothing of a deleted account shows, even before its deletion job removes these.
  const shown = rows.filter((row) => people.has(row.actorId));
  return shown.map((row) => ({
    id: row.id,
    kind: row.kind,
    actor: people.get(row.actorId) ?? null,
    subjectId: row.subjectId,
    article: withCommentAnchor(
      articleLink(row.subjectId),
      row.kind === 'comment' || row.kind === 'comment-reply' ? row.key : null,
    ),
    createdAt: row.createdAt,
    read: row.read,
  }));
}

/**
 * The articles the person may read now: a reply to their comment on a friends-only article names
 * nothing of it once they are no longer the author's friend (or are in a block with them).
 */
async function readableBy(userId: string, views: ArticleView[]): Promise<ArticleView[]> {
  const readable = await Promise.all(
    views.map((view) => view.authorId === userId || canSeeArticle(view, userId)),
  );
  return views.filter((_, index) => readable[index]);
}
