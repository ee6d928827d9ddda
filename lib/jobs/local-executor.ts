import { randomUUID } from 'node:crypto';
import type { InngestFunction } from 'inngest';
import { runOutsideRequest } from '@/lib/request/context';
import type { DispatchedEvent } from './dispatched-event';
import type { JournaledRun, RunJournal } from './run-journal';
import { jobsSigningKey, SIGNATURE_HEADER, signedBody } from './signing';

/** `serve()`'s handler in its fetch form: the same code that answers Inngest on /api/inngest. */
export type ServeHandler = (request: Request) => Promise<Response>;

export interface ExecutorLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RunRecord {
  runId: string;
  functionId: string;
  event: DispatchedEvent;
  status: 'completed' | 'failed';
  output?: unknown;
  error?: unknown;
  requests: number;
  stepsRun: number;
  retries: number;
}

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

type MemoizedStep = { type: 'data'; data: unknown } | { type: 'error'; error: unknown };

interface OutgoingOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
}

const MAX_REQUESTS_PER_RUN = 10_000;
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

  constructor(private readonly options: LocalExecutorOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.log = options.log ?? silentLog;
    this.signingKey = options.signingKey ?? jobsSigningKey();
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
        if (triggeredBy(fn, event.name)) void runOutsideRequest(() => this.schedule(fn, event));
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
            if (minute % everyMinutes === 0) void this.runScheduled(fn, cron, minute);
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
      void runOutsideRequest(() => this.schedule(fn, run.event, run));
    }
    return runs.length;
  }

  /** Stops schedules and lease renewal (shutdown; tests use it to play a dead process). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async runScheduled(fn: InngestFunction.Any, cron: string, minute: number): Promise<void> {
    const id = `cron:${fn.id(this.options.appId)}:${minute}`;
    if (this.options.claimEvent && !(await this.options.claimEvent(id).catch(() => false))) return;
    await this.schedule(fn, {
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

  private async schedule(
    fn: InngestFunction.Any,
    event: DispatchedEvent,
    resumed?: JournaledRun,
  ): Promise<void> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
    try {
      const record = await this.execute(fn, event, resumed);
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

  private async execute(
    fn: InngestFunction.Any,
    event: DispatchedEvent,
    resumed?: JournaledRun,
  ): Promise<RunRecord> {
    const runId = resumed?.runId ?? randomUUID();
    const functionId = fn.id(this.options.appId);
    const maxAttempts = (fn.opts.retries ?? 3) + 1;
    const steps = { ...resumed?.steps } as Record<string, MemoizedStep>;
    const stack: string[] = [...(resumed?.stack ?? [])];
    const journal = this.options.journal;
    const writeDown = async () => {
      if (journal) await journal.save({ runId, functionId, event, steps, stack });
    };
    const planned: string[] = [];
    const stepAttempts = new Map<string, number>();
    let runAttempt = 0;
    const record: RunRecord = {
      runId,
      functionId,
      event,
      status: 'failed',
      requests: 0,
      stepsRun: 0,
      retries: 0,
    };
    const fields = { runId, fn: functionId, eventId: event.id, event: event.name };
    this.log.info(fields, resumed ? 'job run resumed' : 'job run started');
    this.leased.add(runId);
    await writeDown().catch((error: unknown) =>
      this.log.warn({ ...fields, err: String(error) }, 'job run not journaled'),
    );

    const finish = (status: RunRecord['status'], result: { output?: unknown; error?: unknown }) => {
      this.leased.delete(runId);
      if (journal)
        journal
          .end(runId)
          .catch((error: unknown) =>
            this.log.warn(
              { ...fields, err: String(error) },
              'job run not cleared from the journal',
            ),
          );
      Object.assign(record, { status }, result);
      if (status === 'completed')
        this.log.info({ ...fields, steps: record.stepsRun }, 'job run completed');
      else this.log.error({ ...fields, data: event.data, error: result.error }, 'job run failed');
      return record;
    };

    while (record.requests < MAX_REQUESTS_PER_RUN) {
      // A process that froze must not carry on once another instance took its run over.
      if (this.stopped) {
        // Left in the journal: the instance that claims it finishes it.
        this.leased.delete(runId);
        return Object.assign(record, { error: 'the executor stopped; the run is left to another' });
      }
      const target = planned[0] ?? 'step';
      const attempt = target === 'step' ? runAttempt : (stepAttempts.get(target) ?? 0);
      record.requests += 1;
      const response = await this.call(functionId, target, {
        event,
        events: [event],
        steps,
        ctx: {
          run_id: runId,
          attempt,
          max_attempts: maxAttempts,
          disable_immediate_execution: false,
          stack: { stack, current: stack.length - 1 },
        },
        version: 2,
      });

      if (response.status === 200) return finish('completed', { output: response.body });

      if (response.status === 206) {
        const ops = (
          Array.isArray(response.body) ? response.body : [response.body]
        ) as OutgoingOp[];
        for (const op of ops) {
          const stepFields = { ...fields, step: op.displayName ?? op.name ?? op.id };
          switch (op.op) {
            case 'StepRun':
            case 'Step':
              steps[op.id] = { type: 'data', data: op.data ?? null };
              stack.push(op.id);
              remove(planned, op.id);
              record.stepsRun += 1;
              this.log.info(stepFields, 'job step completed');
              break;
            case 'StepPlanned':
              if (!(op.id in steps) && !planned.includes(op.id)) planned.push(op.id);
              break;
            case 'StepError': {
              const next = (stepAttempts.get(op.id) ?? 0) + 1;
              stepAttempts.set(op.id, next);
              record.retries += 1;
              if (!planned.includes(op.id)) planned.unshift(op.id);
              this.log.warn(
                { ...stepFields, attempt: next, error: op.error },
                'job step failed; retrying',
              );
              await delay(this.backoff(next));
              break;
            }
            case 'StepFailed':
              steps[op.id] = { type: 'error', error: op.error };
              stack.push(op.id);
              remove(planned, op.id);
              this.log.error(
                { ...stepFields, error: op.error },
                'job step failed after its last attempt',
              );
              break;
            case 'RunComplete':
              return finish('completed', { output: op.data });
            default:
              return finish('failed', {
                error: `the local executor does not run "${op.op}" steps; configure Inngest for them`,
              });
          }
        }
        // What finished is written down before anything else runs: a successor resumes from here.
        await writeDown().catch((error: unknown) =>
          this.log.warn({ ...fields, err: String(error) }, 'job steps not journaled'),
        );
        continue;
      }

      const retriable = response.status >= 500 && response.noRetry !== 'true';
      if (retriable && runAttempt + 1 < maxAttempts) {
        runAttempt += 1;
        record.retries += 1;
        this.log.warn(
          { ...fields, attempt: runAttempt, error: response.body },
          'job run failed; retrying',
        );
        await delay(this.backoff(runAttempt));
        continue;
      }
      return finish('failed', { error: response.body });
    }
    return finish('failed', { error: `gave up after ${MAX_REQUESTS_PER_RUN} requests` });
  }

  private async call(
    functionId: string,
    stepId: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown; noRetry: string | null }> {
    const url = new URL('http://local-executor/api/inngest');
    url.searchParams.set('fnId', functionId);
    url.searchParams.set('stepId', stepId);
    // Signed per call, as Inngest does: a signature is good for 5 minutes, a run may take longer.
    // Without a key (a misconfigured production) the call goes unsigned and the handler refuses it.
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let text = JSON.stringify(body);
    if (this.signingKey) {
      const signed = signedBody(body, this.signingKey);
      text = signed.text;
      headers[SIGNATURE_HEADER] = signed.signature;
    }
    const response = await this.options.handler(
      new Request(url, { method: 'POST', headers, body: text }),
    );
    const reply = await response.text();
    let parsed: unknown = reply;
    try {
      parsed = reply ? JSON.parse(reply) : null;
    } catch {
      // Keep the raw text: it is the best description of what went wrong.
    }
    return {
      status: response.status,
      body: parsed,
      noRetry: response.headers.get('x-inngest-no-retry'),
    };
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

function remove(list: string[], item: string): void {
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
