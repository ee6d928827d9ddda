import { canSeeArticle } from '@/lib/articles/access';
import type { ArticleView } from '@/lib/articles/article-view';
import { getArticleViews } from '@/lib/articles/cache';
import { likersCache } from '@/lib/articles/likers-cache';
import { isListed } from '@/lib/articles/visibility';
import { blockedEitherWay } from '@/lib/friends/cache';
import { mutedBy } from '@/lib/mutes/cache';
import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { getActivityViews, streamIndex, type ActivityView } from './cache';

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

/** Everything a stream page shows, read from the cache in a few batched round trips. */
interface StreamObjects {
  activities: Map<string, ActivityView>;
  /** People in a block with the reader, and the people the reader muted: left out alike. */
  blocked: Set<string>;
  likersByArticle: Map<string, string[]>;
  articles: Map<string, ArticleView>;
  users: Map<string, PublicUser>;
}

const LIKES_PREFIX = 'likes:';
/** How many likers a "liked" entry names. */
const NAMED_LIKERS = 2;

/**
 * A page of a user's stream, newest first, hydrated from cached objects only (stream, activities,
 * articles, users, likers): a warm page sends no MongoDB command. Entries the user may no longer
 * see (withdrawn articles, blocked people), what muted people did and unlisted articles are skipped.
 */
export async function readStream(userId: string, limit = 20, before?: number): Promise<StreamPage> {
  const page = await streamIndex.page(userId, limit, before);
  const objects = await readStreamObjects(userId, page.ids);
  const items: StreamItem[] = [];
  for (const [index, member] of page.ids.entries()) {
    const at = page.scores[index] ?? 0;
    const item = member.startsWith(LIKES_PREFIX)
      ? likedItem(member, at, objects)
      : await activityItem(member, at, objects, userId);
    if (item) items.push(item);
  }
  return { items, nextCursor: page.nextCursor };
}

async function readStreamObjects(
  userId: string,
  members: readonly string[],
): Promise<StreamObjects> {
  const activityIds: string[] = [];
  const likedArticleIds: string[] = [];
  for (const member of members) {
    if (member.startsWith(LIKES_PREFIX)) likedArticleIds.push(member.slice(LIKES_PREFIX.length));
    else activityIds.push(member);
  }
  const [activities, blocks, muted] = await Promise.all([
    getActivityViews(activityIds),
    blockedEitherWay(userId),
    // Read with every page, so a mute hides at once and an unmute brings everything back.
    mutedBy(userId),
  ]);
  const blocked = new Set([...blocks, ...muted]);
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
      .slice(0, NAMED_LIKERS)
      .forEach((id) => userIds.add(id));
  const users = new Map((await getUsersByIds([...userIds])).map((user) => [user.id, user]));
  return { activities, blocked, likersByArticle, articles, users };
}

/** "A and 3 others liked …": only with a liker the reader may see. */
function likedItem(member: string, at: number, objects: StreamObjects): StreamItem | null {
  const { articles, users, likersByArticle, blocked } = objects;
  const article = articles.get(member.slice(LIKES_PREFIX.length));
  const author = article && users.get(article.authorId);
  const likerIds = (likersByArticle.get(article?.id ?? '') ?? []).filter((id) => !blocked.has(id));
  const likers = likerIds.slice(0, NAMED_LIKERS).flatMap((id) => users.get(id) ?? []);
  // An unlisted article is in nobody's stream, likes included (shown again if it is listed again).
  if (!article || !author || likers.length === 0 || !isListed(article.visibility)) return null;
  return { kind: 'liked', id: member, at, likers, totalLikers: likerIds.length, article, author };
}

/** A friendship, a publication or a comment, if the reader may still see who and what. */
async function activityItem(
  member: string,
  at: number,
  objects: StreamObjects,
  userId: string,
): Promise<StreamItem | null> {
  const { activities, users, articles, blocked } = objects;
  const activity = activities.get(member);
  if (!activity || blocked.has(activity.actorId)) return null;
  const actor = users.get(activity.actorId);
  if (!actor) return null;
  if (activity.verb === 'befriended') {
    const otherId = activity.actorId === userId ? activity.targetUserId : activity.actorId;
    const other = otherId ? users.get(otherId) : undefined;
    return other && !blocked.has(other.id) ? { kind: 'befriended', id: member, at, other } : null;
  }
  const article = activity.articleId ? articles.get(activity.articleId) : undefined;
  const author = article && users.get(article.authorId);
  if (!article || !author || !isListed(article.visibility)) return null;
  if (!(await canSeeArticle(article, userId))) return null;
  return {
    kind: activity.verb === 'published' ? 'published' : 'commented',
    id: member,
    at,
    actor,
    article,
    author,
  };
}
