import { canSeeArticle } from '@/lib/articles/access';
import type { ArticleView } from '@/lib/articles/article-view';
import { getArticleViews, likersCache } from '@/lib/articles/cache';
import { blockedEitherWay } from '@/lib/friends/cache';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { getActivityViews, streamIndex } from './cache';

export type StreamItem =
  | {
      kind: 'published';
      id: string;
      at: number;
      actor: PublicUser;
      article: ArticleView;
      author: PublicUser;
    }
  | { kind: 'befriended'; id: string; at: number; other: PublicUser }
  | {
      kind: 'commented';
      id: string;
      at: number;
      actor: PublicUser;
      article: ArticleView;
      author: PublicUser;
    }
  | {
      kind: 'liked';
      id: string;
      at: number;
      likers: PublicUser[];
      totalLikers: number;
      article: ArticleView;
      author: PublicUser;
    };

export interface StreamPage {
  items: StreamItem[];
  nextCursor: number | null;
}

/**
 * A page of a user's stream, newest first, hydrated from cached objects only (stream, activities,
 * articles, users, likers): a warm page sends no MongoDB command. Entries the user may no longer
 * see (withdrawn articles, blocked people) are skipped.
 */
export async function readStream(userId: string, limit = 20, before?: number): Promise<StreamPage> {
  const page = await streamIndex.page(userId, limit, before);
  const scores = new Map(page.ids.map((member, index) => [member, page.scores[index] ?? 0]));
  const activityIds: string[] = [];
  const likedArticleIds: string[] = [];
  for (const member of page.ids) {
    if (member.startsWith('likes:')) likedArticleIds.push(member.slice('likes:'.length));
    else activityIds.push(member);
  }
  const [activities, blocked] = await Promise.all([
    getActivityViews(activityIds),
    blockedEitherWay(userId),
  ]);
  const likersByArticle =
    likedArticleIds.length > 0
      ? await likersCache.getMany(likedArticleIds)
      : new Map<string, string[]>();
  const articleIds = [
    ...likedArticleIds,
    ...[...activities.values()].flatMap((activity) =>
      activity.articleId ? [activity.articleId] : [],
    ),
  ];
  const articles = new Map(
    (await getArticleViews(articleIds)).map((article) => [article.id, article]),
  );
  const userIds = new Set<string>();
  for (const activity of activities.values()) {
    userIds.add(activity.actorId);
    if (activity.targetUserId) userIds.add(activity.targetUserId);
  }
  for (const article of articles.values()) userIds.add(article.authorId);
  for (const likers of likersByArticle.values())
    likers
      .filter((id) => !blocked.has(id))
      .slice(0, 2)
      .forEach((id) => userIds.add(id));
  const users = new Map((await getUsersByIds([...userIds])).map((user) => [user.id, user]));

  const items: StreamItem[] = [];
  for (const member of page.ids) {
    const at = scores.get(member) ?? 0;
    if (member.startsWith('likes:')) {
      const article = articles.get(member.slice('likes:'.length));
      const author = article && users.get(article.authorId);
      const likerIds = (likersByArticle.get(article?.id ?? '') ?? []).filter(
        (id) => !blocked.has(id),
      );
      const likers = likerIds.slice(0, 2).flatMap((id) => users.get(id) ?? []);
      if (article && author && likers.length > 0) {
        items.push({
          kind: 'liked',
          id: member,
          at,
          likers,
          totalLikers: likerIds.length,
          article,
          author,
        });
      }
      continue;
    }
    const activity = activities.get(member);
    if (!activity || blocked.has(activity.actorId)) continue;
    const actor = users.get(activity.actorId);
    if (!actor) continue;
    if (activity.verb === 'befriended') {
      const otherId = activity.actorId === userId ? activity.targetUserId : activity.actorId;
      const other = otherId ? users.get(otherId) : undefined;
      if (other && !blocked.has(other.id))
        items.push({ kind: 'befriended', id: member, at, other });
      continue;
    }
    const article = activity.articleId ? articles.get(activity.articleId) : undefined;
    const author = article && users.get(article.authorId);
    if (!article || !author || !(await canSeeArticle(article, userId))) continue;
    items.push({
      kind: activity.verb === 'published' ? 'published' : 'commented',
      id: member,
      at,
      actor,
      article,
      author,
    });
  }
  return { items, nextCursor: page.nextCursor };
}
