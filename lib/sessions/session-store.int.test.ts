import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword } from '@/lib/accounts/change-password';
import { createAccount } from '@/lib/accounts/create-account';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { getUserById } from '@/lib/users/cache';
import { durableRedis } from '@/lib/redis';
import { SESSION_TTL_SECONDS, sessionKeys } from './cache';
import {
  createSession,
  endOtherSessions,
  endSession,
  endSessionByHandle,
  endSessionById,
  listSessions,
  markSignUpSessions,
  readSession,
  sessionHandle,
} from './session-store';

const client = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ip: '203.0.113.7' };
const store = () => durableRedis();

beforeAll(async () => {
  await connectDb();
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await store().deleteAllWithPrefix();
  await disconnectDb();
});

describe('the session lifecycle', () => {
  it('creates a session under an opaque random id with a TTL', async () => {
    const first = await createSession('user-a', client);
    const second = await createSession('user-a', client);
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.id).not.toBe(second.id);
    expect(first.id).not.toContain('user-a');
    const ttl = await store().one(store().cmd.ttl(sessionKeys.session(first.id)));
    expect(ttl).toBeGreaterThan(SESSION_TTL_SECONDS - 10);
    expect(await readSession(first.id)).toMatchObject({
      userId: 'user-a',
      ip: client.ip,
      userAgent: client.userAgent,
    });
  });

  it('renews on use: last seen moves forward and the expiry slides', async () => {
    const created = await createSession('user-b', client, Date.now() - 10 * 60_000);
    await store().one(store().cmd.expire(sessionKeys.session(created.id), 3_600));
    const now = Date.now();
    const read = await readSession(created.id, now);
    expect(read?.lastSeenAt).toBe(now);
    expect(await store().one(store().cmd.ttl(sessionKeys.session(created.id)))).toBeGreaterThan(
      SESSION_TTL_SECONDS - 10,
    );
    expect((await readSession(created.id))?.lastSeenAt).toBe(now);
  });

  it('expires: a session past its TTL is gone', async () => {
    const created = await createSession('user-c', client);
    await store().one(store().cmd.expire(sessionKeys.session(created.id), 1));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await readSession(created.id)).toBeNull();
    expect(await listSessions('user-c')).toEqual([]);
  });

  it('revokes: an ended session stops working at once, and nobody else can end it', async () => {
    const created = await createSession('user-d', client);
    expect(await endSession('someone-else', created.id)).toBe(false);
    expect(await readSession(created.id)).not.toBeNull();
    await endSessionById(created.id);
    expect(await readSession(created.id)).toBeNull();
  });

  it('lists sessions by a public handle that is not the secret id', async () => {
    const a = await createSession('user-e', client);
    const b = await createSession('user-e', { ...client, userAgent: 'curl/8.0' });
    const listed = await listSessions('user-e');
    expect(listed.map((session) => session.id).sort()).toEqual([a.id, b.id].sort());
    expect(sessionHandle(a.id)).not.toBe(a.id);
    expect(await endSessionByHandle('user-x', sessionHandle(a.id))).toBe(false);
    expect(await endSessionByHandle('user-e', sessionHandle(a.id))).toBe(true);
    expect(await readSession(a.id)).toBeNull();
    expect(await readSession(b.id)).not.toBeNull();
  });

  it('revokes all others and keeps the current one', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => createSession('user-f', client)));
    const [current] = sessions;
    expect(await endOtherSessions('user-f', current?.id)).toBe(2);
    expect((await listSessions('user-f')).map((session) => session.id)).toEqual([current?.id]);
  });

  it('ends every other session when the password changes', async () => {
    const created = await createAccount({
      email: 'grace@example.com',
      username: 'grace',
      password: 'cobol-compiler-1959',
    });
    if (!created.ok) throw new Error('account not created');
    const userId = created.value.userId;
    const [current, other] = await Promise.all([
      createSession(userId, client),
      createSession(userId, client),
    ]);
    const user = await getUserById(userId);
    if (!user || !current || !other) throw new Error('setup failed');
    const viewer = { user, sessionId: current.id };

    const wrong = await changePassword(viewer, {
      currentPassword: 'not-it-at-all',
      newPassword: 'hopper-harvard-mark-1',
    });
    expect(wrong).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: 'This is not your current password.' },
    });
    expect(await readSession(other.id)).not.toBeNull();

    const changed = await changePassword(viewer, {
      currentPassword: 'cobol-compiler-1959',
      newPassword: 'hopper-harvard-mark-1',
    });
    expect(changed).toEqual({ ok: true, value: { endedSessions: 1 } });
    expect(await readSession(other.id)).toBeNull();
    expect(await readSession(current.id)).not.toBeNull();
    expect(await verifyCredentials('grace', 'hopper-harvard-mark-1')).not.toBeNull();
    expect(await verifyCredentials('grace', 'cobol-compiler-1959')).toBeNull();
  });
});

describe('the session a sign-up began', () => {
  it('is marked, and only it: a later sign-in is not; a user with none gets no key', async () => {
    const signUp = await createSession('user-new', client);
    await markSignUpSessions('user-new');
    const later = await createSession('user-new', client);
    expect((await readSession(signUp.id))?.beganAtSignUp).toBe(true);
    expect((await readSession(later.id))?.beganAtSignUp).toBe(false);
    expect(await store().one(store().cmd.ttl(sessionKeys.session(signUp.id)))).toBeGreaterThan(0);
    await markSignUpSessions('user-without-sessions');
    expect(await listSessions('user-without-sessions')).toEqual([]);
  });
});
