import type { InngestFunction } from 'inngest';
import { runOutsideRequest } from '@/lib/request/context';
import type { DispatchedEvent, ExecutorLog, RunRecord, ServeHandler } from './executor-types';
import { callHandler } from './handler-call';
import { JobRun, type JobRunContext } from './job-run';
import type { JournaledRun, RunJournal } from './run-journal';
import { jobsSigningKey } from './signing';

export type { DispatchedEvent, ExecutorLog, RunRecord, ServeHandler } from './executor-types';

export interface LocalExecutorOptions {
  appId: string;
  functions: readonly InngestFunction.Any[];
  handler: ServeHandler;
  /** At most this many runs execute at once; the rest wait in order. */
  concurrency?: number;
  /** First retry delay; each later retry doubles it (with jitter), capped at 30 s. */
  retryBaseMs?: number;
  log?: ExecutorLog;
  /** Returns false for an event id already dispatched (Inngest's event-id deduplication). */
  claimEvent?: (eventId: string) => Promise<boolean>;
  /** Where runs are written down, so another instance can finish one whose process died. */
  journal?: RunJournal;
  /**
   * The key its calls are signed with, as Inngest signs them: the handler refuses unsigned
   * calls. Default: this deployment's key (INNGEST_SIGNING_KEY).
   */
  signingKey?: string;
}

const RUN_HISTORY = 500;
const silentLog: ExecutorLog = { info() {}, warn() {}, error() {} };

/**
 * Runs Inngest functions in this process when no Inngest server is configured, by speaking
 * Inngest's executor protocol to the SDK's own `serve()` handler: each call POSTs the event and
 * the memoised step results, the SDK runs the next step and answers with what it found
 * (206 + step ops), a finished run (200) or a failure (500 retriable / 400 final). The function
 * code, step memoisation, retries and `step.sendEvent` behave as they do under Inngest.
 */
export class LocalExecutor {
  readonly history: RunRecord[] = [];
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly log: ExecutorLog;
  private readonly signingKey: string | undefined;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  /** Runs executing here, whose leases this executor renews. */
  private readonly leased = new Set<string>();
  private stopped = false;
  /** What each run uses of this executor. */
  private readonly runContext: JobRunContext;

  constructor(private readonly options: LocalExecutorOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.log = options.log ?? silentLog;
    this.signingKey = options.signingKey ?? jobsSigningKey();
    this.runContext = {
      appId: options.appId,
      log: this.log,
      journal: options.journal,
      leased: this.leased,
      stopped: () => this.stopped,
      call: (functionId, stepId, body) =>
        callHandler(options.handler, this.signingKey, { functionId, stepId, body }),
      backoff: (attempt) => this.backoff(attempt),
    };
  }

  /** Starts one run per matching function for each event; returns the event ids at once. */
  async dispatch(events: readonly DispatchedEvent[]): Promise<string[]> {
    for (const event of events) {
      if (this.options.claimEvent && !(await this.options.claimEvent(event.id))) {
        this.log.info(
          { eventId: event.id, event: event.name },
          'job event already dispatched; skipped',
        );
        continue;
      }
      for (const fn of this.options.functions) {
        // A run is background work: it must not count against the request that sent the event.
        if (triggeredBy(fn, event.name))
          void runOutsideRequest(() => this.runWhenSlotFree(fn, event));
      }
    }
    return events.map((event) => event.id);
  }

  /** The pending timer of each repeating task (schedules, lease renewal); `stop` clears them. */
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `work` after `delay()` ms, again and again, until `stop`; never keeps the process up. */
  private repeat(delay: () => number, work: () => unknown): void {
    const arm = () => {
      if (this.stopped) return;
      const timer = setTimeout(async () => {
        this.timers.delete(timer);
        await work();
        arm();
      }, delay());
      timer.unref();
      this.timers.add(timer);
    };
    arm();
  }

  /**
   * Runs cron-triggered functions on schedule. Every instance keeps the schedule; each tick is
   * claimed once across instances (like any event id). Supported: every minute, or every N minutes.
   */
  startSchedules(): void {
    for (const fn of this.options.functions) {
      const triggers = (fn.opts.triggers ?? []) as readonly { cron?: string }[];
      for (const { cron } of triggers) {
        if (!cron) continue;
        const match = /^(\*|\*\/(\d+)) \* \* \* \*$/.exec(cron.trim());
        if (!match) {
          this.log.warn(
            { fn: fn.id(this.options.appId), cron },
            'cron schedule not supported by the local executor',
          );
          continue;
        }
        const everyMinutes = Number(match[2] ?? 1);
        // Just past each minute's start.
        this.repeat(
          () => 60_000 - (Date.now() % 60_000) + 50,
          () => {
            const minute = Math.floor(Date.now() / 60_000);
            if (minute % everyMinutes === 0) void this.runCronTick(fn, cron, minute);
          },
        );
      }
    }
  }

  /**
   * Renews the leases of this executor's runs and resumes runs whose executor died (its lease
   * lapsed), now and periodically.
   */
  startRecovery(): void {
    const journal = this.options.journal;
    if (!journal) return;
    const tick = async () => {
      try {
        await journal.renew([...this.leased]);
        await this.resumeAbandonedRuns();
      } catch (error) {
        this.log.warn({ err: String(error) }, 'job journal unavailable; will retry');
      }
    };
    void tick();
    this.repeat(() => Math.max(50, Math.floor(journal.leaseMs / 3)), tick);
  }

  /** Claims runs abandoned by a dead executor and finishes them here. Returns how many. */
  async resumeAbandonedRuns(): Promise<number> {
    const runs = (await this.options.journal?.claimAbandoned()) ?? [];
    for (const run of runs) {
      const fn = this.options.functions.find(
        (candidate) => candidate.id(this.options.appId) === run.functionId,
      );
      if (!fn) {
        this.log.error(
          { runId: run.runId, fn: run.functionId },
          'abandoned run of an unknown function',
        );
        await this.options.journal?.end(run.runId);
        continue;
      }
      this.log.warn(
        { runId: run.runId, fn: run.functionId, steps: run.stack.length },
        'resuming an abandoned job run',
      );
      void runOutsideRequest(() => this.runWhenSlotFree(fn, run.event, run));
    }
    return runs.length;
  }

  /** Stops schedules and lease renewal (shutdown; tests use it to play a dead process). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async runCronTick(fn: InngestFunction.Any, cron: string, minute: number): Promise<void> {
    const id = `cron:${fn.id(this.options.appId)}:${minute}`;
    if (this.options.claimEvent && !(await this.options.claimEvent(id).catch(() => false))) return;
    await this.runWhenSlotFree(fn, {
      id,
      name: 'inngest/scheduled.timer',
      data: { cron },
      ts: Date.now(),
    });
  }

  /** Resolves once no run is queued or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs `fn` for `event` once fewer than `concurrency` runs are active; keeps its record. */
  private async runWhenSlotFree(
    fn: InngestFunction.Any,
    event: DispatchedEvent,
    resumed?: JournaledRun,
  ): Promise<void> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    try {
      const record = await new JobRun(this.runContext, fn, event, resumed).execute();
      this.history.push(record);
      if (this.history.length > RUN_HISTORY) this.history.shift();
    } finally {
      this.active -= 1;
      const next = this.waiting.shift();
      if (next) next();
      else if (this.active === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.retryBaseMs * 2 ** (attempt - 1);
    return Math.min(30_000, exponential * (0.75 + Math.random() * 0.5));
  }
}

function triggeredBy(fn: InngestFunction.Any, eventName: string): boolean {
  const triggers = (fn.opts.triggers ?? []) as readonly { event?: string }[];
  return triggers.some(({ event }) => {
    if (!event) return false;
    if (event.endsWith('*')) return eventName.startsWith(event.slice(0, -1));
    return event === eventName;
  });
}
