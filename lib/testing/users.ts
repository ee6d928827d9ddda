import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { UserModel } from '@/lib/users/user-model';
import { createAccount } from '@/lib/accounts/create-account';
import { FriendshipModel, pairKeyOf } from '@/lib/friends/models';
import { getUserById } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import type { SignedIn } from '@/lib/auth/require-viewer';

/** How long ago a test's account joined unless it asks to be new: past the new-account limits. */
const ESTABLISHED_FOR_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * A fresh account for a test, as a signed-in viewer (no session cookie involved). It joined two
 * days ago, so the everyday limits apply; `{ newAccount: true }` keeps it joined just now (the
 * new-account limits, lib/rate-limit/new-account-limits.ts).
 */
export async function makeUser(
  prefix = 'user',
  { newAccount = false }: { newAccount?: boolean } = {},
): Promise<PublicUser & { viewer: SignedIn }> {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`.slice(0, 30);
  const created = await createAccount({
    email: `${username}@example.com`,
    username,
    password: 'ink-and-quill-2026',
  });
  if (!created.ok) throw new Error(`could not create ${username}: ${JSON.stringify(created)}`);
  if (!newAccount)
    // The driver's own update: mongoose keeps `createdAt` immutable. Nothing has cached it yet.
    await UserModel.collection.updateOne(
      { _id: new Types.ObjectId(created.value.userId) },
      { $set: { createdAt: new Date(Date.now() - ESTABLISHED_FOR_MS) } },
    );
  const user = await getUserById(created.value.userId);
  if (!user) throw new Error('created user not found');
  return { ...user, viewer: { user, sessionId: randomBytes(32).toString('base64url') } };
}

/**
 * `count` people who are all friends of `authorId`, written straight into MongoDB (thousands in
 * a second; the app's own friendship flow would take minutes). Returns their ids.
 */
export async function makeFriends(
  authorId: string,
  count: number,
  prefix: string,
): Promise<string[]> {
  const now = new Date();
  const friends = Array.from({ length: count }, (_, index) => ({
    _id: new Types.ObjectId(),
    username: `${prefix}_${authorId.slice(-6)}_${index}`,
  }));
  await UserModel.insertMany(
    friends.map(({ _id, username }) => ({
      _id,
      email: `${username}@example.com`,
      username,
      usernameKey: username,
      displayName: username,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await FriendshipModel.insertMany(
    friends.map(({ _id }) => ({
      pairKey: pairKeyOf(authorId, _id.toString()),
      users: [authorId, _id.toString()].sort().map((id) => new Types.ObjectId(id)),
      status: 'accepted',
      requestedBy: _id,
      requestedAt: now,
      acceptedAt: now,
    })),
  );
  return friends.map(({ _id }) => _id.toString());
}
