import { Types } from 'mongoose';
import { UserModel } from './user-model';
import {
  dropCached,
  forgetCached,
  MISSING_TTL_SECONDS,
  readThrough,
  readThroughList,
} from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { toPublicUser, type PublicUser } from './public-user';

const USER_TTL_SECONDS = 24 * 60 * 60;

/** Cache keys of the user object; this module alone writes and drops them. */
export const userKeys = {
  byId: (userId: string) => `user:${userId}`,
  idByUsername: (usernameKey: string) => `username:${usernameKey}`,
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
      const rows = await UserModel.find({ _id: { $in: missing } }).lean();
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

/** After an account is removed: its cached object and username lookup are deleted. */
export async function forgetUser(userId: string, usernameKey: string): Promise<void> {
  await forgetCached(userKeys.byId(userId), userKeys.idByUsername(usernameKey));
}
