import { Types } from 'mongoose';
import { UserModel } from './user-model';
import { UsernameHoldModel } from './username-hold-model';
import {
  dropCached,
  forgetCached,
  MISSING_TTL_SECONDS,
  readThrough,
  readThroughList,
} from '@/lib/cache/cache-aside';
import { cachedObjectRead } from '@/lib/cache/cache-aside';
import type { PipedRead } from '@/lib/cache/read-together';
import { connectDb } from '@/lib/db/connection';
import { toPublicUser, type PublicUser } from './public-user';
import { findByIds } from '@/lib/db/find-by-ids';

const USER_TTL_SECONDS = 24 * 60 * 60;

/** Cache keys of the user object; this module alone writes and drops them. */
export const userKeys = {
  byId: (userId: string) => `user:${userId}`,
  idByUsername: (usernameKey: string) => `username:${usernameKey}`,
  /** Who renamed away from this name (lib/users/username-hold-model.ts): the 308's target. */
  renamedFrom: (usernameKey: string) => `username-renamed:${usernameKey}`,
};

export async function getUserById(userId: string): Promise<PublicUser | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  return readThrough<PublicUser>({
    kind: 'user',
    key: userKeys.byId(userId),
    ttlSeconds: USER_TTL_SECONDS,
    missingTtlSeconds: MISSING_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const user = await UserModel.findById(userId).lean();
      return user && !user.deletedAt ? toPublicUser(user) : null;
    },
  });
}

/** getUserById as a read that shares a pipeline with others (the reader state's). */
export function userByIdRead(userId: string): PipedRead<PublicUser | null> {
  return cachedObjectRead<PublicUser>('user', userKeys.byId(userId), () => getUserById(userId));
}

export async function getUserByUsername(username: string): Promise<PublicUser | null> {
  const usernameKey = username.toLowerCase();
  if (!/^[a-z0-9_]{3,30}$/.test(usernameKey)) return null;
  const userId = await readThrough<string>({
    kind: 'user',
    key: userKeys.idByUsername(usernameKey),
    ttlSeconds: USER_TTL_SECONDS,
    missingTtlSeconds: MISSING_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const user = await UserModel.findOne({ usernameKey }, { _id: 1, deletedAt: 1 }).lean();
      return user && !user.deletedAt ? user._id.toString() : null;
    },
  });
  return userId ? getUserById(userId) : null;
}

/**
 * The person who renamed away from `username`, while no one else has taken it: their old
 * addresses answer 308 to their current ones. Cached like the username lookup, so a warm old
 * link costs no MongoDB command.
 */
export async function getRenamedUser(username: string): Promise<PublicUser | null> {
  const usernameKey = username.toLowerCase();
  if (!/^[a-z0-9_]{3,30}$/.test(usernameKey)) return null;
  const userId = await readThrough<string>({
    kind: 'user',
    key: userKeys.renamedFrom(usernameKey),
    ttlSeconds: USER_TTL_SECONDS,
    missingTtlSeconds: MISSING_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const hold = await UsernameHoldModel.findById(usernameKey, { userId: 1 }).lean();
      return hold ? hold.userId.toString() : null;
    },
  });
  return userId ? getUserById(userId) : null;
}

/**
 * Many user objects in one round trip (lists of friends, authors of a stream); the misses are
 * loaded with one MongoDB query and cached. Order follows `userIds`; unknown ids are skipped.
 */
export async function getUsersByIds(userIds: readonly string[]): Promise<PublicUser[]> {
  return readThroughList<PublicUser>({
    kind: 'user',
    ids: userIds,
    isValidId: (id) => Types.ObjectId.isValid(id),
    key: userKeys.byId,
    ttlSeconds: USER_TTL_SECONDS,
    loadMany: async (missing) => {
      await connectDb();
      const rows = await findByIds(UserModel, missing);
      // An account being deleted reads as gone everywhere at once.
      return new Map(
        rows.flatMap((row) =>
          row.deletedAt ? [] : [[row._id.toString(), toPublicUser(row)] as const],
        ),
      );
    },
  });
}

/** After any change to a user: drop the cached object and the username lookup. */
export async function invalidateUser(userId: string, usernameKey: string): Promise<void> {
  await dropCached(userKeys.byId(userId), userKeys.idByUsername(usernameKey));
}

/**
 * After a rename (or a name taken back, or a held name taken by someone new): the user object,
 * both names' lookups and both names' redirects. Every page built from any of them (profile,
 * articles, streams, the home page) is stamped changed, so the page cache renders it again.
 */
export async function invalidateRename(
  userId: string,
  usernameKeys: readonly string[],
): Promise<void> {
  await dropCached(
    userKeys.byId(userId),
    ...usernameKeys.flatMap((key) => [userKeys.idByUsername(key), userKeys.renamedFrom(key)]),
  );
}

/** After an account is removed: its cached object and username lookup are deleted. */
export async function forgetUser(userId: string, usernameKey: string): Promise<void> {
  await forgetCached(userKeys.byId(userId), userKeys.idByUsername(usernameKey));
}
