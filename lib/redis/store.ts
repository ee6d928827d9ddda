import { recordRedisCommands } from '@/lib/observability/request-metrics';
import { CircuitBreaker } from './circuit-breaker';
import { redisCommands, type Op, type RedisCommands } from './commands';
import { asStrings } from './replies';
import { RedisReplyError, RedisUnavailableError, type RedisDriver, type RedisReply } from './types';

export type { Op, RateLimitCount } from './commands';
export type { ScoredMember } from './replies';

export type Results<Ops extends readonly Op<unknown>[]> = {
  [I in keyof Ops]: Ops[I] extends Op<infer T> ? T : never;
};

interface WaitingOps {
  ops: readonly Op<unknown>[];
  settle: (replies: (RedisReply | Error)[]) => void;
  reject: (error: unknown) => void;
}

/** Each op's parsed reply; a reply that is an error throws (a full Redis as an outage). */
function parseReplies<const Ops extends readonly Op<unknown>[]>(
  ops: Ops,
  replies: readonly (RedisReply | Error)[],
): Results<Ops> {
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

/**
 * The app's one Redis interface: typed commands, a key prefix (demo, tests and test workers never
 * collide), batching in one round trip, a circuit breaker and per-request command counting.
 * Keys are logical names; the store prefixes them. Commands that touch several keys are only
 * offered where callers keep those keys in one hash slot (`{tag}`), so Redis Cluster works.
 */
export class RedisStore {
  readonly breaker = new CircuitBreaker();
  /** What `allTogether` callers of this turn of the event loop wait for. */
  private waiting: WaitingOps[] = [];

  constructor(
    readonly driver: RedisDriver,
    readonly prefix: string,
  ) {}

  /** Builds commands; every key argument is prefixed here. */
  readonly cmd: RedisCommands = redisCommands(this, (name) => this.key(name));

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  async one<T>(op: Op<T>): Promise<T> {
    const [result] = await this.all([op] as const);
    return result as T;
  }

  /** Sends the commands in one round trip (a pipeline); replies come back in order. */
  async all<const Ops extends readonly Op<unknown>[]>(ops: Ops): Promise<Results<Ops>> {
    // Nothing to send is no round trip: the empty reply list reads as the empty result.
    const replies = ops.length === 0 ? [] : await this.send(ops);
    return parseReplies(ops, replies);
  }

  /**
   * As `all`, sent in one pipeline with every other `allTogether` of this turn of the event loop
   * (setImmediate): the many requests an instance answers at once share a round trip, as the
   * page cache's stamp reads do. For small reads on hot paths (the reader state); each caller
   * still gets its own replies and errors. The commands are counted for the request that asked
   * first.
   */
  allTogether<const Ops extends readonly Op<unknown>[]>(ops: Ops): Promise<Results<Ops>> {
    if (ops.length === 0) return Promise.resolve(parseReplies(ops, []));
    return new Promise<Results<Ops>>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => void this.sendWaiting());
      this.waiting.push({
        ops,
        settle: (replies) => resolve(parseReplies(ops, replies)),
        reject,
      });
    });
  }

  private async sendWaiting(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const replies = await this.send(batch.flatMap((entry) => entry.ops));
      let offset = 0;
      for (const entry of batch) {
        const own = replies.slice(offset, offset + entry.ops.length);
        offset += entry.ops.length;
        try {
          entry.settle(own);
        } catch (error) {
          entry.reject(error);
        }
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  /** One pipeline to the driver; its raw replies (a reply may be an Error), in order. */
  private async send(ops: readonly Op<unknown>[]): Promise<(RedisReply | Error)[]> {
    // Durable and cache data may live on two deployments: a command built for the other one
    // would land on the wrong Redis (and a full cache could then evict durable data).
    if (ops.some((op) => op.origin !== undefined && op.origin !== this)) {
      throw new Error('a Redis pipeline mixes commands of the durable and the cache store');
    }
    const replies = await this.guarded(ops.length, () =>
      this.driver.send(ops.map((op) => op.command)),
    );
    await this.retryUnknownScripts(ops, replies);
    return replies;
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
}
