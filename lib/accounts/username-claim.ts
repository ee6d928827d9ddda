import { withLock } from '@/lib/redis/lock';

/**
 * Serialises everything that takes or gives up `usernameKey` (sign-up, a rename to or from it)
 * across instances: the check of a name's hold and the write that takes it happen together, so a
 * rename's old name is never free for a moment to a sign-up racing it. The unique index on
 * usernameKey still decides between two people taking the same free name.
 */
export function withUsernameClaim<T>(
  usernameKeys: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const [first, ...rest] = [...new Set(usernameKeys)].sort();
  if (first === undefined) return work();
  return withLock(`username-claim:${first}`, (): Promise<T> =>
    rest.length === 0 ? work() : withUsernameClaim(rest, work),
  );
}
