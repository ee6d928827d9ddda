import IORedis from 'ioredis';
import type { RedisCommand, RedisDriver, RedisReply } from './types';

export interface TcpDriverOptions {
  url: string;
  commandTimeoutMs?: number;
  onError?: (error: Error) => void;
}

/** The default driver for long-running servers: one multiplexed TCP connection (ioredis). */
export function createTcpDriver({
  url,
  commandTimeoutMs = 1_000,
  onError,
}: TcpDriverOptions): RedisDriver {
  const client = new IORedis(url, {
    // RESP2: the reply shapes Upstash's REST API returns too (flat WITHSCORES, flat hashes).
    protocol: 2,
    connectTimeout: 2_000,
    // No per-command timeout: ioredis would arm a timer for each command of a pipeline (a page
    // check sends dozens); `send` bounds the whole round trip with one timer instead.
    maxRetriesPerRequest: 1,
    // Reconnect quickly and forever: Redis coming back must heal the app without a restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    lazyConnect: false,
  });
  // Without a listener ioredis logs "Unhandled error event" on every failed reconnect.
  client.on('error', (error: Error) => onError?.(error));

  const roundTrip = async (commands: readonly RedisCommand[]): Promise<(RedisReply | Error)[]> => {
    if (commands.length === 1) {
      const [name, ...args] = commands[0] as RedisCommand;
      try {
        return [(await client.call(name, ...args)) as RedisReply];
      } catch (error) {
        if (isReplyError(error)) return [error];
        throw error;
      }
    }
    const pipeline = client.pipeline();
    for (const [name, ...args] of commands) pipeline.call(name, ...args);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, reply]) => {
      if (!error) return reply as RedisReply;
      if (isReplyError(error)) return error;
      throw error;
    });
  };

  const withinTimeout = <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${commandTimeoutMs} ms`)),
        commandTimeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };

  return {
    name: 'tcp',
    send: (commands) => withinTimeout(roundTrip(commands)),
    getBytes: (key) => withinTimeout(client.getBuffer(key)),
    async close() {
      client.disconnect();
    },
  };
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}
