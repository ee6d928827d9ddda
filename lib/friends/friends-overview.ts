import { getUsersByIds } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { blockingCache, friendsCache } from './cache';
import { pendingRequestIds, suggestFriendIds } from './queries';
import type { Relationship } from './relationship';

/** Where a person stands on the owner's /friends page: each person is in exactly one list. */
export type OverviewRelationship = Extract<
  Relationship,
  'friends' | 'request-received' | 'request-sent' | 'blocked' | 'none'
>;

export interface OverviewPerson {
  user: PublicUser;
  relationship: OverviewRelationship;
  /** Friends in common, for a suggestion (relationship "none"). */
  mutual?: number;
}

const LIST_LIMIT = 200;

/**
 * Everything the /friends page lists, from one read of each relationship source: every person
 * appears once, with one relationship, so the lists cannot disagree (a pending request is never
 * also a suggestion; a friendship or a block wins over a stale pending row). The page's lists are
 * all derived from this one state, and each action moves a person within it.
 */
export async function getFriendsOverview(userId: string): Promise<OverviewPerson[]> {
  const [friends, pending, blocked] = await Promise.all([
    friendsCache.get(userId),
    pendingRequestIds(userId),
    blockingCache.get(userId),
  ]);
  const placed = new Map<string, Omit<OverviewPerson, 'user'>>();
  const place = (ids: readonly string[], relationship: OverviewRelationship) => {
    for (const id of ids.slice(0, LIST_LIMIT)) {
      if (id !== userId && !placed.has(id)) placed.set(id, { relationship });
    }
  };
  place(blocked, 'blocked');
  place(friends, 'friends');
  place(pending.incoming, 'request-received');
  place(pending.outgoing, 'request-sent');
  const suggestions = await suggestFriendIds(userId, 10, [
    ...pending.incoming,
    ...pending.outgoing,
  ]);
  for (const { id, mutual } of suggestions) {
    if (!placed.has(id)) placed.set(id, { relationship: 'none', mutual });
  }
  const users = new Map((await getUsersByIds([...placed.keys()])).map((user) => [user.id, user]));
  return [...placed].flatMap(([id, entry]) => {
    const user = users.get(id);
    return user ? [{ user, ...entry }] : [];
  });
}
