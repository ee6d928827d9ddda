import { recordCacheRead } from '@/lib/observability/request-metrics';
import type { CachedObjectKind } from '@/lib/request/context';
import { cacheRedis, isRedisUnavailable } from '@/lib/redis';
import type { Op, Results } from '@/lib/redis/store';

/**
 * A cached read that can share one pipeline with others: its commands, what their replies say
 * (`undefined`: not cached), and how to get the value the ordinary way (a miss, or the cache
 * unreachable), which is the domain's own read-through.
 */
export interface PipedRead<T> {
  readonly ops: readonly Op<unknown>[];
  cached(replies: readonly unknown[]): T | undefined;
  load(): Promise<T>;
}

/** A piped read whose reply decoder sees its commands' own reply types. */
export function pipedRead<const Ops extends readonly Op<unknown>[], T>(
  kind: CachedObjectKind,
  ops: Ops,
  cached: (replies: Results<Ops>) => T | undefined,
  load: () => Promise<T>,
): PipedRead<T> {
  return {
    ops,
    cached(replies) {
      const value = cached(replies as Results<Ops>);
      // A miss is counted by the read-through it falls back to.
      if (value !== undefined) recordCacheRead(kind, true);
      return value;
    },
    load,
  };
}

type Values<Reads extends readonly PipedRead<unknown>[]> = {
  [I in keyof Reads]: Reads[I] extends PipedRead<infer T> ? T : never;
};

/**
 * Several cached objects of different domains in one round trip (the reader state reads five),
 * shared with the other requests of the moment (RedisStore.allTogether): each command is a
 * single-key read, so this holds on Redis Cluster too (the driver routes each).
 * Whatever is not cached is then read the ordinary way, one by one.
 */
export async function readTogether<const Reads extends readonly PipedRead<unknown>[]>(
  reads: Reads,
): Promise<Values<Reads>> {
  const store = cacheRedis();
  let replies: readonly unknown[] | null;
  try {
    replies = await store.allTogether(reads.flatMap((read) => read.ops));
  } catch (error) {
    if (!isRedisUnavailable(error)) throw error;
    replies = null;
  }
  let offset = 0;
  const values = reads.map((read) => {
    const own = replies?.slice(offset, offset + read.ops.length);
    offset += read.ops.length;
    const value = own ? read.cached(own) : undefined;
    return value === undefined ? read.load() : value;
  });
  return (await Promise.all(values)) as Values<Reads>;
}

/** The same read, answering `fallback` when its ordinary way fails (a part a page can do without). */
export function orElse<T>(read: PipedRead<T>, fallback: T): PipedRead<T> {
  return { ...read, load: () => read.load().catch(() => fallback) };
}
