import IORedis from 'ioredis';
import type { RedisCommand, RedisDriver, RedisReply } from './types';

export interface ClusterDriverOptions {
  /** Seed nodes as `host:port`; the client learns the rest of the cluster from them. */
  nodes: readonly string[];
  commandTimeoutMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Redis Cluster over TCP (ioredis Cluster). Each command goes to the node owning its slot; the
 * commands of one batch are sent together per node (auto-pipelining), so a batch still costs one
 * round trip per node touched. Multi-key commands and scripts only ever name keys of one hash
 * slot (the store's rule); anything else fails with Redis's CROSSSLOT error, loudly.
 *
 * Within a node the commands of a batch keep their order. Across nodes they may not: a change
 * and its stamp (lib/cache/change-clock) can land a few milliseconds apart in either order, well
 * inside the clock-skew margin pages are checked with.
 */
export function createClusterDriver({
  nodes,
  commandTimeoutMs = 1_000,
  onError,
}: ClusterDriverOptions): RedisDriver {
  const client = new IORedis.Cluster(
    nodes.map((node) => {
      const [host = '127.0.0.1', port = '6379'] = node.split(':');
      return { host, port: Number(port) };
    }),
    {
      enableAutoPipelining: true,
      redisOptions: { protocol: 2, connectTimeout: 2_000, maxRetriesPerRequest: 1 },
      clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      // Follow MOVED/ASK during resharding and failover a few times before giving up.
      maxRedirections: 8,
    },
  );
  client.on('error', (error: Error) => onError?.(error));

  const call = async ([name, ...args]: RedisCommand): Promise<RedisReply | Error> => {
    try {
      if (name.toUpperCase() === 'SCRIPT') return await everyMaster(args);
      return (await client.call(name, ...args)) as RedisReply;
    } catch (error) {
      if (error instanceof Error && error.name === 'ReplyError') return error;
      throw error;
    }
  };

  // Scripts are cached per node: SCRIPT FLUSH and LOAD go to every master; EXISTS says whether
  // any of them has each script (a node that lacks one answers NOSCRIPT and is sent the text).
  const everyMaster = async (
    args: RedisCommand extends readonly [string, ...infer A] ? A : never,
  ) => {
    const replies = (await Promise.all(
      client.nodes('master').map((node) => node.call('SCRIPT', ...args)),
    )) as RedisReply[];
    if (String(args[0]).toUpperCase() !== 'EXISTS') return replies[0] ?? null;
    return (replies as number[][]).reduce((any, flags) =>
      any.map((flag, index) => (flag || flags[index] ? 1 : 0)),
    );
  };

  const withinTimeout = <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis Cluster did not answer within ${commandTimeoutMs} ms`)),
        commandTimeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  return {
    name: 'cluster',
    send: (commands) => withinTimeout(Promise.all(commands.map(call))),
    getBytes: (key) => withinTimeout(client.getBuffer(key)),
    async *scan(match, count) {
      for (const node of client.nodes('master')) {
        let cursor = '0';
        do {
          const [next, keys] = (await node.scan(cursor, 'MATCH', match, 'COUNT', count)) as [
            string,
            string[],
          ];
          cursor = next;
          if (keys.length > 0) yield keys;
        } while (cursor !== '0');
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
