import type { RedisDriverName } from '@/lib/config/env';

export type RedisArg = string | number;
export type RedisCommand = readonly [string, ...RedisArg[]];
/** A reply as both drivers return it: RESP strings, integers, nil and arrays. */
export type RedisReply = string | number | null | RedisReply[];

/** The transport under the store: TCP (ioredis) or Upstash REST (@upstash/redis). */
export interface RedisDriver {
  readonly name: RedisDriverName;
  /** Sends the commands in one round trip and returns one reply, or error, per command. */
  send(commands: readonly RedisCommand[]): Promise<(RedisReply | Error)[]>;
  /** GET as raw bytes (a large value passed on as it is, never decoded to a string). */
  getBytes(key: string): Promise<Buffer | null>;
  /** Keys matching `match`, a batch at a time, where one SCAN cannot see them all (a cluster). */
  scan?(match: string, count: number): AsyncIterable<string[]>;
  close(): Promise<void>;
}

/** Redis cannot be reached (or the circuit breaker is open): callers degrade or say so. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * By name, not `instanceof`: Next's bundles and the custom server each load their own copy of
 * this module, so an error thrown by one copy is not an instance of another copy's class.
 */
export function isRedisUnavailable(error: unknown): error is RedisUnavailableError {
  return error instanceof Error && error.name === 'RedisUnavailableError';
}

/** Redis answered with an error reply (a bug in the command, not an outage). */
export class RedisReplyError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(`${command}: ${message}`);
    this.name = 'RedisReplyError';
  }
}
