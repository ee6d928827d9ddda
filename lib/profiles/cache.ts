import { Types } from 'mongoose';
import { UserModel } from '@/lib/accounts/user-model';
import { dropCached, readThrough } from '@/lib/cache/cache-aside';
import { dependOn } from '@/lib/cache/change-clock';
import { recordCacheRead } from '@/lib/observability/request-metrics';
import { redis } from '@/lib/redis';
import { connectDb } from '@/lib/db/connection';
import { toPublicUser, type PublicUser } from './public-user';

const USER_TTL_SECONDS = 24 * 60 * 60;
const MISSING_TTL_SECONDS = 60;

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
      return user ? toPublicUser(user) : null;
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
      const user = await UserModel.findOne({ usernameKey }, { _id: 1 }).lean();
      return user ? user._id.toString() : null;
    },
  });
  return userId ? getUserById(userId) : null;
}

/**
 * Many user objects in one round trip (lists of friends, authors of a stream); the misses are
 * loaded with one MongoDB query and cached. Order follows `userIds`; unknown ids are skipped.
 */
export async function getUsersByIds(userIds: readonly string[]): Promise<PublicUser[]> {
  const ids = [...new Set(userIds)].filter((id) => Types.ObjectId.isValid(id));
  if (ids.length === 0) return [];
  const store = redis();
  dependOn(...ids.map((id) => userKeys.byId(id)));
  // Without Redis every user is a miss, read from MongoDB.
  const cached = await store
    .all(ids.map((id) => store.cmd.get(userKeys.byId(id))))
    .catch(() => ids.map(() => null));
  const found = new Map<string, PublicUser>();
  const missing: string[] = [];
  ids.forEach((id, index) => {
    const raw = cached[index];
    recordCacheRead('user', typeof raw === 'string' && raw.startsWith('{'));
    if (typeof raw === 'string' && raw.startsWith('{'))
      found.set(id, JSON.parse(raw) as PublicUser);
    else missing.push(id);
  });
  if (missing.length > 0) {
    await connectDb();
    const users = (await UserModel.find({ _id: { $in: missing } }).lean()).map(toPublicUser);
    if (users.length > 0) {
      const writes = users.map((user) =>
        store.cmd.set(userKeys.byId(user.id), JSON.stringify(user), {
          ttlSeconds: USER_TTL_SECONDS,
        }),
      );
      await store.all(writes).catch(() => undefined);
    }
    for (const user of users) found.set(user.id, user);
  }
  return ids.flatMap((id) => {
    const user = found.get(id);
    return user ? [user] : [];
  });
}

/** After any change to a user: drop the cached object and the username lookup. */
export async function invalidateUser(userId: string, usernameKey: string): Promise<void> {
  await dropCached(userKeys.byId(userId), userKeys.idByUsername(usernameKey));
}
