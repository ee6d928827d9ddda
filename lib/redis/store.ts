import { createHash } from 'node:crypto';
import { recordRedisCommands } from '@/lib/observability/request-metrics';
import { CircuitBreaker } from './circuit-breaker';
import {
  RedisReplyError,
  RedisUnavailableError,
  type RedisArg,
  type RedisCommand,
  type RedisDriver,
  type RedisReply,
} from './types';

/** One command and how to read its reply. Build with `store.cmd`, send with `one` or `all`. */
export interface Op<T> {
  readonly command: RedisCommand;
  readonly parse: (reply: RedisReply) => T;
  /** Sent instead when Redis does not know the script yet (EVALSHA → EVAL). */
  readonly fallback?: RedisCommand;
  /** The store that built it: a pipeline only carries its own store's commands. */
  readonly origin?: RedisStore;
}

type Results<Ops extends readonly Op<unknown>[]> = {
  [I in keyof Ops]: Ops[I] extends Op<infer T> ? T : never;
};

export interface ScoredMember {
  member: string;
  score: number;
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

const asNumber = (reply: RedisReply): number => Number(reply ?? 0);
const asString = (reply: RedisReply): string | null => (reply === null ? null : String(reply));
const asStrings = (reply: RedisReply): string[] =>
  Array.isArray(reply) ? reply.map((item) => String(item)) : [];
const asBoolean = (reply: RedisReply): boolean => Number(reply) === 1;
const asOk = (reply: RedisReply): boolean => reply === 'OK';
const asHash = (reply: RedisReply): Record<string, string> => {
  const flat = asStrings(reply);
  const hash: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    hash[flat[index] as string] = flat[index + 1] as string;
  }
  return hash;
};
const asScored = (reply: RedisReply): ScoredMember[] => {
  const flat = asStrings(reply);
  const members: ScoredMember[] = [];
  for (let index = 0; index + 1 < flat.length; index += 2) {
    members.push({ member: flat[index] as string, score: Number(flat[index + 1]) });
  }
  return members;
};

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

/**
 * The app's one Redis interface: typed commands, a key prefix (demo, tests and test workers never
 * collide), batching in one round trip, a circuit breaker and per-request command counting.
 * Keys are logical names; the store prefixes them. Commands that touch several keys are only
 * offered where callers keep those keys in one hash slot (`{tag}`), so Redis Cluster works.
 */
export class RedisStore {
  readonly breaker = new CircuitBreaker();

  constructor(
    readonly driver: RedisDriver,
    readonly prefix: string,
  ) {}

  /** Builds commands; every key argument is prefixed here. */
  readonly cmd = {
    ping: (): Op<string | null> => this.op(['PING'], asString),
    get: (key: string): Op<string | null> => this.op(['GET', this.key(key)], asString),
    set: (
      key: string,
      value: string,
      options: { ttlSeconds?: number; onlyIfAbsent?: boolean } = {},
    ): Op<boolean> => {
      const args: RedisArg[] = [this.key(key), value];
      if (options.ttlSeconds !== undefined)
        args.push('EX', Math.max(1, Math.ceil(options.ttlSeconds)));
      if (options.onlyIfAbsent) args.push('NX');
      return this.op(['SET', ...args], asOk);
    },
    /** Reads and deletes in one step: a one-time value can be taken only once. */
    getdel: (key: string): Op<string | null> => this.op(['GETDEL', this.key(key)], asString),
    del: (key: string): Op<number> => this.op(['DEL', this.key(key)], asNumber),
    exists: (key: string): Op<boolean> => this.op(['EXISTS', this.key(key)], asBoolean),
    expire: (key: string, seconds: number): Op<boolean> =>
      this.op(['EXPIRE', this.key(key), Math.max(1, Math.ceil(seconds))], asBoolean),
    ttl: (key: string): Op<number> => this.op(['TTL', this.key(key)], asNumber),
    incrBy: (key: string, by = 1): Op<number> => this.op(['INCRBY', this.key(key), by], asNumber),

    hget: (key: string, field: string): Op<string | null> =>
      this.op(['HGET', this.key(key), field], asString),
    hmget: (key: string, fields: readonly string[]): Op<(string | null)[]> =>
      this.op(['HMGET', this.key(key), ...fields], (reply) =>
        Array.isArray(reply) ? reply.map(asString) : [],
      ),
    /** One step of an HSCAN: the next cursor ('0' when done) and the fields seen with values. */
    hscan: (
      key: string,
      cursor: string,
      count: number,
    ): Op<{ cursor: string; fields: Record<string, string> }> =>
      this.op(['HSCAN', this.key(key), cursor, 'COUNT', count], (reply) => {
        const [next, flat] = Array.isArray(reply) ? reply : ['0', []];
        return { cursor: String(next), fields: asHash(flat ?? []) };
      }),
    hgetall: (key: string): Op<Record<string, string>> =>
      this.op(['HGETALL', this.key(key)], asHash),
    hset: (key: string, fields: Record<string, string | number>): Op<number> =>
      this.op(['HSET', this.key(key), ...Object.entries(fields).flat()], asNumber),
    hdel: (key: string, ...fields: string[]): Op<number> =>
      this.op(['HDEL', this.key(key), ...fields], asNumber),
    hincrBy: (key: string, field: string, by = 1): Op<number> =>
      this.op(['HINCRBY', this.key(key), field, by], asNumber),

    sadd: (key: string, members: readonly string[]): Op<number> =>
      this.op(['SADD', this.key(key), ...members], asNumber),
    srem: (key: string, members: readonly string[]): Op<number> =>
      this.op(['SREM', this.key(key), ...members], asNumber),
    smembers: (key: string): Op<string[]> => this.op(['SMEMBERS', this.key(key)], asStrings),
    sismember: (key: string, member: string): Op<boolean> =>
      this.op(['SISMEMBER', this.key(key), member], asBoolean),
    smismember: (key: string, members: readonly string[]): Op<boolean[]> =>
      this.op(['SMISMEMBER', this.key(key), ...members], (reply) =>
        Array.isArray(reply) ? reply.map(asBoolean) : [],
      ),
    scard: (key: string): Op<number> => this.op(['SCARD', this.key(key)], asNumber),

    zadd: (key: string, entries: readonly ScoredMember[]): Op<number> =>
      this.op(
        ['ZADD', this.key(key), ...entries.flatMap(({ score, member }) => [score, member])],
        asNumber,
      ),
    zrem: (key: string, members: readonly string[]): Op<number> =>
      this.op(['ZREM', this.key(key), ...members], asNumber),
    zcard: (key: string): Op<number> => this.op(['ZCARD', this.key(key)], asNumber),
    zscore: (key: string, member: string): Op<number | null> =>
      this.op(['ZSCORE', this.key(key), member], (reply) =>
        reply === null ? null : Number(reply),
      ),
    /** Highest scores first, from `max` (inclusive, or exclusive as `(score`) down to `min`. */
    zrevrangeByScore: (
      key: string,
      max: number | string,
      min: number | string,
      limit: { offset: number; count: number },
    ): Op<ScoredMember[]> =>
      this.op(
        [
          'ZRANGE',
          this.key(key),
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
      this.op(['ZREMRANGEBYRANK', this.key(key), 0, -(keep + 1)], asNumber),

    /**
     * Runs a Lua script atomically. Every key must share one hash tag (`{…}`) so that the script
     * runs on one Redis Cluster node; the store prefixes them.
     */
    script: <T>(
      source: string,
      keys: readonly string[],
      args: readonly RedisArg[],
      parse: (reply: RedisReply) => T,
    ): Op<T> => {
      // By hash (EVALSHA): the script's text crosses the network once per Redis, not per call.
      const rest = [keys.length, ...keys.map((key) => this.key(key)), ...args];
      return {
        command: ['EVALSHA', scriptSha(source), ...rest],
        parse,
        fallback: ['EVAL', source, ...rest],
        origin: this,
      };
    },
    /** Counts `weight` hits (1 by default) in a fixed window; atomic in one round trip. */
    rateLimitHit: (key: string, windowMs: number, weight = 1): Op<RateLimitCount> =>
      this.cmd.script(RATE_LIMIT_SCRIPT, [key], [windowMs, weight], (reply) => {
        const [count, ttl] = Array.isArray(reply) ? reply : [0, windowMs];
        return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
      }),
  };

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  async one<T>(op: Op<T>): Promise<T> {
    const [result] = await this.all([op] as const);
    return result as T;
  }

  /** Sends the commands in one round trip (a pipeline); replies come back in order. */
  async all<const Ops extends readonly Op<unknown>[]>(ops: Ops): Promise<Results<Ops>> {
    if (ops.length === 0) return [] as unknown as Results<Ops>;
    // Durable and cache data may live on two deployments: a command built for the other one
    // would land on the wrong Redis (and a full cache could then evict durable data).
    if (ops.some((op) => op.origin !== undefined && op.origin !== this)) {
      throw new Error('a Redis pipeline mixes commands of the durable and the cache store');
    }
    const replies = await this.guarded(ops.length, () =>
      this.driver.send(ops.map((op) => op.command)),
    );
    await this.retryUnknownScripts(ops, replies);
    return replies.map((reply, index) => {
      const op = ops[index] as Op<unknown>;
      if (reply instanceof Error) {
        // A full Redis under `noeviction` refuses writes: an outage to callers (503), not a bug.
        if (/\bOOM\b/.test(reply.message))
          throw new RedisUnavailableError(`Redis is full: ${reply.message}`);
        throw new RedisReplyError(reply.message, op.command[0]);
      }
      return op.parse(reply);
    }) as Results<Ops>;
  }

  /** GET as raw bytes: for large values passed on as they are (whole cached pages). */
  getBytes(name: string): Promise<Buffer | null> {
    return this.guarded(1, () => this.driver.getBytes(this.key(name)));
  }

  /**
   * One call to the driver behind the circuit breaker: a transport failure opens it and becomes
   * RedisUnavailableError; the commands are counted for the request either way.
   */
  private async guarded<T>(commands: number, call: () => Promise<T>): Promise<T> {
    if (!this.breaker.allow()) {
      throw new RedisUnavailableError('Redis is unavailable (circuit open)');
    }
    const started = performance.now();
    try {
      const result = await call();
      this.breaker.succeeded();
      return result;
    } catch (error) {
      this.breaker.failed();
      throw new RedisUnavailableError(
        `Redis is unavailable: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      recordRedisCommands(commands, performance.now() - started);
    }
  }

  /** Redis answers NOSCRIPT for a script it has not seen (or lost in a restart): send its text once. */
  private async retryUnknownScripts(
    ops: readonly Op<unknown>[],
    replies: (RedisReply | Error)[],
  ): Promise<void> {
    const unknown = replies.flatMap((reply, index) => {
      const fallback = ops[index]?.fallback;
      return reply instanceof Error && reply.message.includes('NOSCRIPT') && fallback
        ? [{ index, fallback }]
        : [];
    });
    if (unknown.length === 0) return;
    const retried = await this.driver.send(unknown.map((entry) => entry.fallback));
    unknown.forEach((entry, position) => {
      replies[entry.index] = retried[position] as RedisReply | Error;
    });
    recordRedisCommands(unknown.length, 0);
  }

  /** Deletes every key under this store's prefix (test isolation); SCAN, never KEYS. */
  async deleteAllWithPrefix(): Promise<number> {
    let deleted = 0;
    for await (const keys of this.scanKeys(`${this.prefix}*`)) {
      const counts = await this.driver.send(keys.map((key) => ['UNLINK', key] as const));
      deleted += counts.reduce<number>(
        (sum, count) => sum + (typeof count === 'number' ? count : 0),
        0,
      );
    }
    return deleted;
  }

  /** Every key matching `match`, in batches: each node's SCAN on a cluster, else one SCAN. */
  private async *scanKeys(match: string): AsyncGenerator<string[]> {
    if (this.driver.scan) {
      yield* this.driver.scan(match, 500);
      return;
    }
    let cursor = '0';
    do {
      const [reply] = await this.driver.send([['SCAN', cursor, 'MATCH', match, 'COUNT', 500]]);
      if (!Array.isArray(reply)) break;
      cursor = String(reply[0]);
      const keys = asStrings(reply[1] ?? []);
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }

  private op<T>(command: RedisCommand, parse: (reply: RedisReply) => T): Op<T> {
    return { command, parse, origin: this };
  }
}
