import type { RedisStore } from '@/lib/redis';
import type { DispatchedEvent } from './dispatched-event';

/** A run as the journal keeps it: enough to resume it elsewhere from its last finished step. */
export interface JournaledRun {
  runId: string;
  functionId: string;
  event: DispatchedEvent;
  steps: Record<string, unknown>;
  stack: string[];
}

/**
 * Where the in-process executor writes down its runs, so that a run whose process died is
 * finished by another instance (Inngest itself keeps runs this way). Each live run holds a lease
 * its executor renews; a run whose lease lapsed is claimed by exactly one executor, which
 * replays it from its memoised steps: finished steps are not run again, and the step that was
 * cut off runs again (our steps are idempotent).
 */
export interface RunJournal {
  readonly leaseMs: number;
  save(run: JournaledRun): Promise<void>;
  /**
   * Writes a sleeping run down and leaves it leased until `wakeAt`: whichever executor claims
   * it then (this one or any other, after any restart) resumes it, once.
   */
  sleep(run: JournaledRun, wakeAt: number): Promise<void>;
  renew(runIds: readonly string[]): Promise<void>;
  end(runId: string): Promise<void>;
  claimAbandoned(limit?: number): Promise<JournaledRun[]>;
}

const LEASES = '{jobs}:leases';
const runKey = (runId: string) => `jobs:run:${runId}`;
const RUN_TTL_SECONDS = 24 * 60 * 60;

// Takes up to ARGV[2] runs whose lease ended before ARGV[1], and leases them to the caller until
// ARGV[3]: one key, so it is atomic (and Redis Cluster safe); two executors never claim one run.
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
return ids
`;

export function redisRunJournal(store: RedisStore, leaseMs = 30_000): RunJournal {
  return {
    leaseMs,
    async save(run) {
      await store.all([
        store.cmd.set(runKey(run.runId), JSON.stringify(run), { ttlSeconds: RUN_TTL_SECONDS }),
        store.cmd.zadd(LEASES, [{ score: Date.now() + leaseMs, member: run.runId }]),
      ]);
    },
    async sleep(run, wakeAt) {
      // Kept a day past its waking, however far ahead that is.
      const ttlSeconds = RUN_TTL_SECONDS + Math.max(0, Math.ceil((wakeAt - Date.now()) / 1000));
      await store.all([
        store.cmd.set(runKey(run.runId), JSON.stringify(run), { ttlSeconds }),
        store.cmd.zadd(LEASES, [{ score: wakeAt, member: run.runId }]),
      ]);
    },
    async renew(runIds) {
      if (runIds.length === 0) return;
      const until = Date.now() + leaseMs;
      await store.one(
        store.cmd.zadd(
          LEASES,
          runIds.map((member) => ({ score: until, member })),
        ),
      );
    },
    async end(runId) {
      await store.all([store.cmd.zrem(LEASES, [runId]), store.cmd.del(runKey(runId))]);
    },
    async claimAbandoned(limit = 10) {
      const now = Date.now();
      const ids = await store.one(
        store.cmd.script(CLAIM, [LEASES], [now, limit, now + leaseMs], (reply) =>
          Array.isArray(reply) ? reply.map(String) : [],
        ),
      );
      if (ids.length === 0) return [];
      const raws = await store.all(ids.map((id) => store.cmd.get(runKey(id))));
      const runs: JournaledRun[] = [];
      for (const [index, raw] of raws.entries()) {
        if (raw) runs.push(JSON.parse(raw) as JournaledRun);
        // A lease without a run (its record expired): nothing left to resume.
        else await store.one(store.cmd.zrem(LEASES, [ids[index] as string]));
      }
      return runs;
    },
  };
}
