import { currentRequestMetrics } from '@/lib/observability/request-metrics';
import { redis, type Op } from '@/lib/redis';

/**
 * When each cached object last changed, so that what was built from cached objects (a rendered
 * page) can tell whether it is still current:
 * - every read of a cached object during a request records the object's key as a dependency;
 * - every change of a cached object stamps `{tag}:changed` with the writer's clock, after the
 *   data itself changed (same pipeline or script, in order);
 * - something built from reads that began at T is current while each dependency's stamp is older
 *   than T minus CLOCK_SKEW_MS (instances' clocks may differ by that much). A change at C ≥ T may
 *   or may not be in it, so it counts as stale.
 * A stamp lives longer than anything built on it may be kept (STAMP_TTL_MS), so a missing stamp
 * means "unchanged for longer than that".
 */
export const CLOCK_SKEW_MS = 1_000;
export const STAMP_TTL_MS = 2 * 60 * 60 * 1000;

/** The object a key belongs to: the part inside `{…}` (its Redis Cluster hash tag) or the key. */
export function tagOf(key: string): string {
  const tagged = /^\{([^}]+)\}/.exec(key);
  return tagged?.[1] ?? key;
}

/** Shares the object's hash tag, so a script that changes the object can stamp it too. */
export function changedKeyOf(key: string): string {
  return `{${tagOf(key)}}:changed`;
}

/** Records that the current request read the cached object behind each key. */
export function dependOn(...keys: string[]): void {
  const dependencies = currentRequestMetrics()?.pageCapture?.dependencies;
  if (!dependencies) return;
  for (const key of keys) dependencies.add(tagOf(key));
}

/** Stamps the object behind `key` as changed now; send it after the change itself. */
export function markChangedOp(key: string, now = Date.now()): Op<boolean> {
  return redis().cmd.set(changedKeyOf(key), String(now), { ttlSeconds: STAMP_TTL_MS / 1000 });
}

/** Lua lines that stamp KEYS[n] with ARGV[m] (a script that changes an object stamps it too). */
export function stampInScript(keyIndex: number, argIndex: number): string {
  return `redis.call('SET', KEYS[${keyIndex}], ARGV[${argIndex}], 'PX', ${STAMP_TTL_MS})`;
}

/** The stamps of `tags`, in order (0 where none is kept). */
export async function readStamps(tags: readonly string[]): Promise<number[]> {
  if (tags.length === 0) return [];
  const store = redis();
  const replies = await store.all(tags.map((tag) => store.cmd.get(`{${tag}}:changed`)));
  return replies.map((reply) => (reply === null ? 0 : Number(reply)));
}
