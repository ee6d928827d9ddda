import { randomBytes } from 'node:crypto';
import { durableRedis } from './index';

const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class LockBusyError extends Error {
  constructor() {
    super('Someone else is changing this right now. Please try again.');
    this.name = 'LockBusyError';
  }
}

/** By name: each bundle has its own copy of this class (see isRedisUnavailable). */
export function isLockBusy(error: unknown): error is LockBusyError {
  return error instanceof Error && error.name === 'LockBusyError';
}

/**
 * Runs `work` while holding a short Redis lock on `name`, across every instance. MongoDB on
 * FerretDB does not make read-modify-write on a document atomic, so state transitions that read
 * before they write (friend requests) are serialised here.
 */
export async function withLock<T>(
  name: string,
  work: () => Promise<T>,
  waitMs = 3_000,
  holdMs = 10_000,
): Promise<T> {
  const store = durableRedis();
  const key = `lock:${name}`;
  const token = randomBytes(12).toString('hex');
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
    const acquired = await store.one(
      store.cmd.set(key, token, { ttlSeconds: holdMs / 1000, onlyIfAbsent: true }),
    );
    if (acquired) break;
    if (Date.now() > deadline) throw new LockBusyError();
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
  }
  try {
    return await work();
  } finally {
    await store
      .one(store.cmd.script(RELEASE_IF_OWNER, [key], [token], Number))
      .catch(() => undefined);
  }
}
