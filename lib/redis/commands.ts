import { createHash } from 'node:crypto';
import {
  asBoolean,
  asHash,
  asNumber,
  asOk,
  asScored,
  asString,
  asStrings,
  type ScoredMember,
} from './replies';
import type { RedisArg, RedisCommand, RedisReply } from './types';

/** One command and how to read its reply. Build with `store.cmd`, send with `one` or `all`. */
export interface Op<T> {
  readonly command: RedisCommand;
  readonly parse: (reply: RedisReply) => T;
  /** Sent instead when Redis does not know the script yet (EVALSHA → EVAL). */
  readonly fallback?: RedisCommand;
  /** The store that built it: a pipeline only carries its own store's commands. */
  readonly origin?: object;
}

const scriptShas = new Map<string, string>();
function scriptSha(source: string): string {
  let sha = scriptShas.get(source);
  if (!sha) {
    sha = createHash('sha1').update(source).digest('hex');
    scriptShas.set(source, sha);
  }
  return sha;
}

// Fixed-window counter: one round trip, atomic, and only one key (Redis Cluster safe).
const RATE_LIMIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2] or 1)
if count == tonumber(ARGV[2] or 1) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export interface RateLimitCount {
  count: number;
  resetInMs: number;
}

/** How a group of commands builds its ops: for one store, keys prefixed. */
interface OpBuilder {
  op: <T>(command: RedisCommand, parse: (reply: RedisReply) => T) => Op<T>;
  prefixed: (name: string) => string;
  origin: object;
}

function keyCommands({ op, prefixed }: OpBuilder) {
  return {
    ping: (): Op<string | null> => op(['PING'], asString),
    get: (key: string): Op<string | null> => op(['GET', prefixed(key)], asString),
    set: (
      key: string,
      value: string,
      options: { ttlSeconds?: number; onlyIfAbsent?: boolean } = {},
    ): Op<boolean> => {
      const args: RedisArg[] = [prefixed(key), value];
      if (options.ttlSeconds !== undefined)
        args.push('EX', Math.max(1, Math.ceil(options.ttlSeconds)));
      if (options.onlyIfAbsent) args.push('NX');
      return op(['SET', ...args], asOk);
    },
    /** Reads and deletes in one step: a one-time value can be taken only once. */
    getdel: (key: string): Op<string | null> => op(['GETDEL', prefixed(key)], asString),
    del: (key: string): Op<number> => op(['DEL', prefixed(key)], asNumber),
    exists: (key: string): Op<boolean> => op(['EXISTS', prefixed(key)], asBoolean),
    expire: (key: string, seconds: number): Op<boolean> =>
      op(['EXPIRE', prefixed(key), Math.max(1, Math.ceil(seconds))], asBoolean),
    ttl: (key: string): Op<number> => op(['TTL', prefixed(key)], asNumber),
    incrBy: (key: string, by = 1): Op<number> => op(['INCRBY', prefixed(key), by], asNumber),
  };
}

function hashCommands({ op, prefixed }: OpBuilder) {
  return {
    hget: (key: string, field: string): Op<string | null> =>
      op(['HGET', prefixed(key), field], asString),
    hmget: (key: string, fields: readonly string[]): Op<(string | null)[]> =>
      op(['HMGET', prefixed(key), ...fields], (reply) =>
        Array.isArray(reply) ? reply.map(asString) : [],
      ),
    /** One step of an HSCAN: the next cursor ('0' when done) and the fields seen with values. */
    hscan: (
      key: string,
      cursor: string,
      count: number,
    ): Op<{ cursor: string; fields: Record<string, string> }> =>
      op(['HSCAN', prefixed(key), cursor, 'COUNT', count], (reply) => {
        const [next, flat] = Array.isArray(reply) ? reply : ['0', []];
        return { cursor: String(next), fields: asHash(flat ?? []) };
      }),
    hgetall: (key: string): Op<Record<string, string>> => op(['HGETALL', prefixed(key)], asHash),
    hset: (key: string, fields: Record<string, string | number>): Op<number> =>
      op(['HSET', prefixed(key), ...Object.entries(fields).flat()], asNumber),
    hdel: (key: string, ...fields: string[]): Op<number> =>
      op(['HDEL', prefixed(key), ...fields], asNumber),
    hincrBy: (key: string, field: string, by = 1): Op<number> =>
      op(['HINCRBY', prefixed(key), field, by], asNumber),
  };
}

function setCommands({ op, prefixed }: OpBuilder) {
  return {
    sadd: (key: string, members: readonly string[]): Op<number> =>
      op(['SADD', prefixed(key), ...members], asNumber),
    srem: (key: string, members: readonly string[]): Op<number> =>
      op(['SREM', prefixed(key), ...members], asNumber),
    smembers: (key: string): Op<string[]> => op(['SMEMBERS', prefixed(key)], asStrings),
    sismember: (key: string, member: string): Op<boolean> =>
      op(['SISMEMBER', prefixed(key), member], asBoolean),
    smismember: (key: string, members: readonly string[]): Op<boolean[]> =>
      op(['SMISMEMBER', prefixed(key), ...members], (reply) =>
        Array.isArray(reply) ? reply.map(asBoolean) : [],
      ),
    scard: (key: string): Op<number> => op(['SCARD', prefixed(key)], asNumber),
  };
}

function sortedSetCommands({ op, prefixed }: OpBuilder) {
  return {
    zadd: (key: string, entries: readonly ScoredMember[]): Op<number> =>
      op(
        ['ZADD', prefixed(key), ...entries.flatMap(({ score, member }) => [score, member])],
        asNumber,
      ),
    zrem: (key: string, members: readonly string[]): Op<number> =>
      op(['ZREM', prefixed(key), ...members], asNumber),
    zcard: (key: string): Op<number> => op(['ZCARD', prefixed(key)], asNumber),
    zscore: (key: string, member: string): Op<number | null> =>
      op(['ZSCORE', prefixed(key), member], (reply) => (reply === null ? null : Number(reply))),
    /** Several members' scores in one command (null where absent). */
    zmscore: (key: string, members: readonly string[]): Op<(number | null)[]> =>
      op(['ZMSCORE', prefixed(key), ...members], (reply) =>
        Array.isArray(reply) ? reply.map((score) => (score === null ? null : Number(score))) : [],
      ),
    /** Highest scores first, from `max` (inclusive, or exclusive as `(score`) down to `min`. */
    zrevrangeByScore: (
      key: string,
      max: number | string,
      min: number | string,
      limit: { offset: number; count: number },
    ): Op<ScoredMember[]> =>
      op(
        [
          'ZRANGE',
          prefixed(key),
          max,
          min,
          'BYSCORE',
          'REV',
          'LIMIT',
          limit.offset,
          limit.count,
          'WITHSCORES',
        ],
        asScored,
      ),
    /** Keeps only the `keep` highest-scored members. */
    ztrimToNewest: (key: string, keep: number): Op<number> =>
      op(['ZREMRANGEBYRANK', prefixed(key), 0, -(keep + 1)], asNumber),
  };
}

function scriptCommands({ prefixed, origin }: OpBuilder) {
  const script = <T>(
    source: string,
    keys: readonly string[],
    args: readonly RedisArg[],
    parse: (reply: RedisReply) => T,
  ): Op<T> => {
    // By hash (EVALSHA): the script's text crosses the network once per Redis, not per call.
    const rest = [keys.length, ...keys.map((key) => prefixed(key)), ...args];
    return {
      command: ['EVALSHA', scriptSha(source), ...rest],
      parse,
      fallback: ['EVAL', source, ...rest],
      origin,
    };
  };
  return {
    /**
     * Runs a Lua script atomically. Every key must share one hash tag (`{…}`) so that the script
     * runs on one Redis Cluster node; the store prefixes them.
     */
    script,
    /** Counts `weight` hits (1 by default) in a fixed window; atomic in one round trip. */
    rateLimitHit: (key: string, windowMs: number, weight = 1): Op<RateLimitCount> =>
      script(RATE_LIMIT_SCRIPT, [key], [windowMs, weight], (reply) => {
        const [count, ttl] = Array.isArray(reply) ? reply : [0, windowMs];
        return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
      }),
  };
}

/**
 * The typed commands a store offers: each builds an `Op` for `origin` (the store, compared by
 * identity when a pipeline is sent) with every key argument prefixed by `prefixed`.
 */
export function redisCommands(origin: object, prefixed: (name: string) => string) {
  const op = <T>(command: RedisCommand, parse: (reply: RedisReply) => T): Op<T> => ({
    command,
    parse,
    origin,
  });
  const builder: OpBuilder = { op, prefixed, origin };
  return {
    ...keyCommands(builder),
    ...hashCommands(builder),
    ...setCommands(builder),
    ...sortedSetCommands(builder),
    ...scriptCommands(builder),
  };
}

export type RedisCommands = ReturnType<typeof redisCommands>;
