import type { ImageRef } from '@/lib/media/image-ref';
import type { ProfileLink, User } from './user-model';

/** What any page may show of a user: the cached user object. Never holds email or secrets. */
export interface PublicUser {
  id: string;
  username: string;
  usernameKey: string;
  displayName: string;
  bio: string;
  links: ProfileLink[];
  avatar: ImageRef | null;
  friendCount: number;
  joinedAt: string;
  /** The person's own preference: show the request-cost panel. Only their own pages use it. */
  debugPanel: boolean;
}

/** Enough of a person to name and picture them (the header, a byline). */
export type UserBadge = Pick<
  PublicUser,
  'id' | 'username' | 'usernameKey' | 'displayName' | 'avatar'
>;

/** Only the badge's fields, copied one by one: nothing else of the person travels with it. */
export function toUserBadge(user: UserBadge): UserBadge {
  const { id, username, usernameKey, displayName, avatar } = user;
  return { id, username, usernameKey, displayName, avatar };
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user._id.toString(),
    username: user.username,
    usernameKey: user.usernameKey,
    displayName: user.displayName,
    bio: user.bio,
    links: user.links.map(({ label, url }) => ({ label, url })),
    avatar: user.avatar ? { hash: user.avatar.hash, sizes: [...user.avatar.sizes] } : null,
    friendCount: user.friendCount,
    joinedAt: user.createdAt.toISOString(),
    debugPanel: user.debugPanel === true,
  };
}
