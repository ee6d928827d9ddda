import { recordCacheRead } from '@/lib/observability/request-metrics';
import { durableRedis } from '@/lib/redis';
import { BEARER_TOKEN, newBearerToken, tokenDigest } from '@/lib/util/bearer-token';
import { SESSION_RENEW_AFTER_MS, SESSION_TTL_SECONDS, sessionKeys } from './cache';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  ip: string;
  /** Begun by confirming sign-up (the person's first): the home page greets them as new. */
  beganAtSignUp: boolean;
}

/** 256 random bits: the cookie holds this and nothing else. */
export function newSessionId(): string {
  return newBearerToken();
}

const SESSION_ID = BEARER_TOKEN;

/**
 * A session's public name: pages and APIs that list or end sessions use this, never the id,
 * which is the bearer secret in the cookie.
 */
export function sessionHandle(sessionId: string): string {
  return tokenDigest(sessionId).slice(0, 22);
}

function toRecord(id: string, hash: Record<string, string>): SessionRecord | null {
  if (!hash.userId) return null;
  return {
    id,
    userId: hash.userId,
    createdAt: Number(hash.createdAt),
    lastSeenAt: Number(hash.lastSeenAt),
    userAgent: hash.userAgent ?? '',
    ip: hash.ip ?? '',
    beganAtSignUp: hash.signUp === '1',
  };
}

export async function createSession(
  userId: string,
  client: { userAgent: string; ip: string },
  now = Date.now(),
): Promise<SessionRecord> {
  const store = durableRedis();
  const id = newSessionId();
  const record: SessionRecord = {
    id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    ...client,
    beganAtSignUp: false,
  };
  await store.all([
    store.cmd.hset(sessionKeys.session(id), {
      userId,
      createdAt: now,
      lastSeenAt: now,
      userAgent: client.userAgent,
      ip: client.ip,
    }),
    store.cmd.expire(sessionKeys.session(id), SESSION_TTL_SECONDS),
    store.cmd.sadd(sessionKeys.userSessions(userId), [id]),
    store.cmd.expire(sessionKeys.userSessions(userId), SESSION_TTL_SECONDS),
  ]);
  return record;
}

/**
 * The session behind a cookie, or null when it expired or was ended. Each use slides its expiry
 * forward (at most once a minute, so a read is usually one command).
 */
export async function readSession(
  sessionId: string,
  now = Date.now(),
): Promise<SessionRecord | null> {
  if (!SESSION_ID.test(sessionId)) return null;
  const store = durableRedis();
  const record = toRecord(
    sessionId,
    // The busiest read there is (every signed-in request): sent with the others of the moment.
    (await store.allTogether([store.cmd.hgetall(sessionKeys.session(sessionId))] as const))[0],
  );
  recordCacheRead('session', record !== null);
  if (!record) return null;
  if (now - record.lastSeenAt >= SESSION_RENEW_AFTER_MS) {
    await store.all([
      store.cmd.hset(sessionKeys.session(sessionId), { lastSeenAt: now }),
      store.cmd.expire(sessionKeys.session(sessionId), SESSION_TTL_SECONDS),
      store.cmd.expire(sessionKeys.userSessions(record.userId), SESSION_TTL_SECONDS),
    ]);
    record.lastSeenAt = now;
  }
  return record;
}

/** A user's live sessions, most recently used first; forgets ids whose session has expired. */
export async function listSessions(userId: string): Promise<SessionRecord[]> {
  const store = durableRedis();
  const ids = await store.one(store.cmd.smembers(sessionKeys.userSessions(userId)));
  if (ids.length === 0) return [];
  const hashes = await store.all(ids.map((id) => store.cmd.hgetall(sessionKeys.session(id))));
  const live: SessionRecord[] = [];
  const expired: string[] = [];
  ids.forEach((id, index) => {
    const record = toRecord(id, hashes[index] ?? {});
    if (record && record.userId === userId) live.push(record);
    else expired.push(id);
  });
  if (expired.length > 0)
    await store.one(store.cmd.srem(sessionKeys.userSessions(userId), expired));
  return live.sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/**
 * Marks the sessions of a just-created account (the one its sign-up confirmation began) as begun
 * at sign-up. Only live sessions are touched, so no key is made without its expiry.
 */
export async function markSignUpSessions(userId: string): Promise<void> {
  const store = durableRedis();
  const sessions = await listSessions(userId);
  if (sessions.length === 0) return;
  await store.all(
    sessions.map((session) => store.cmd.hset(sessionKeys.session(session.id), { signUp: '1' })),
  );
}

/** Ends one session of `userId`; a session of someone else is left alone. */
export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  if (!SESSION_ID.test(sessionId)) return false;
  const store = durableRedis();
  const owner = await store.one(store.cmd.hget(sessionKeys.session(sessionId), 'userId'));
  if (owner !== userId) return false;
  await store.all([
    store.cmd.del(sessionKeys.session(sessionId)),
    store.cmd.srem(sessionKeys.userSessions(userId), [sessionId]),
  ]);
  return true;
}

/** Ends the session of `userId` whose public handle is `handle`. */
export async function endSessionByHandle(userId: string, handle: string): Promise<boolean> {
  const store = durableRedis();
  const ids = await store.one(store.cmd.smembers(sessionKeys.userSessions(userId)));
  const sessionId = ids.find((id) => sessionHandle(id) === handle);
  return sessionId ? endSession(userId, sessionId) : false;
}

/** Ends the session behind a cookie (sign-out). */
export async function endSessionById(sessionId: string): Promise<void> {
  if (!SESSION_ID.test(sessionId)) return;
  const store = durableRedis();
  const owner = await store.one(store.cmd.hget(sessionKeys.session(sessionId), 'userId'));
  if (owner) await endSession(owner, sessionId);
}

/** Ends every session of `userId` except `keepSessionId` (none kept when omitted). */
export async function endOtherSessions(userId: string, keepSessionId?: string): Promise<number> {
  const store = durableRedis();
  const ids = await store.one(store.cmd.smembers(sessionKeys.userSessions(userId)));
  const others = ids.filter((id) => id !== keepSessionId);
  if (others.length === 0) return 0;
  await store.all([
    ...others.map((id) => store.cmd.del(sessionKeys.session(id))),
    store.cmd.srem(sessionKeys.userSessions(userId), others),
  ]);
  return others.length;
}
