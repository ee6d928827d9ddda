import { randomUUID } from 'node:crypto';
import type { InngestFunction } from 'inngest';
import type { DispatchedEvent, ExecutorLog, RunRecord } from './executor-types';
import type { HandlerReply } from './handler-call';
import type { JournaledRun, RunJournal } from './run-journal';

type MemoizedStep = { type: 'data'; data: unknown } | { type: 'error'; error: unknown };

/** A step op the SDK answers with (206). */
interface OutgoingOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
}

const MAX_REQUESTS_PER_RUN = 10_000;

/** What a run needs from the executor that drives it. */
export interface JobRunContext {
  appId: string;
  log: ExecutorLog;
  journal?: RunJournal;
  /** Runs whose leases the executor renews: a live run is in it. */
  leased: Set<string>;
  /** True once the executor stopped: the run is then left to another instance. */
  stopped: () => boolean;
  call: (functionId: string, stepId: string, body: unknown) => Promise<HandlerReply>;
  /** How long to wait before retry number `attempt` (1, 2, …). */
  backoff: (attempt: number) => number;
}

/**
 * One run of one function, driven the way Inngest drives it: each call carries the event and the
 * memoised step results; the SDK answers with what it found (206 + step ops), a finished run
 * (200) or a failure (500 retriable / 400 final). Finished steps are written to the journal
 * before anything else runs, so a successor resumes from there.
 */
export class JobRun {
  private readonly record: RunRecord;
  private readonly runId: string;
  private readonly functionId: string;
  private readonly maxAttempts: number;
  private readonly steps: Record<string, MemoizedStep>;
  private readonly stack: string[];
  /** Steps the SDK planned, or a failed step to try again, in the order they are asked for. */
  private readonly planned: string[] = [];
  private readonly stepAttempts = new Map<string, number>();
  private runAttempt = 0;
  private readonly fields: Record<string, unknown>;

  constructor(
    private readonly context: JobRunContext,
    fn: InngestFunction.Any,
    private readonly event: DispatchedEvent,
    private readonly resumed?: JournaledRun,
  ) {
    this.runId = resumed?.runId ?? randomUUID();
    this.functionId = fn.id(context.appId);
    this.maxAttempts = (fn.opts.retries ?? 3) + 1;
    this.steps = { ...resumed?.steps } as Record<string, MemoizedStep>;
    this.stack = [...(resumed?.stack ?? [])];
    this.record = {
      runId: this.runId,
      functionId: this.functionId,
      event,
      status: 'failed',
      requests: 0,
      stepsRun: 0,
      retries: 0,
    };
    this.fields = { runId: this.runId, fn: this.functionId, eventId: event.id, event: event.name };
  }

  /** Calls the handler until the run completes, fails for good or is left to another instance. */
  async execute(): Promise<RunRecord> {
    const { log, leased } = this.context;
    log.info(this.fields, this.resumed ? 'job run resumed' : 'job run started');
    leased.add(this.runId);
    await this.writeDown('job run not journaled');
    while (this.record.requests < MAX_REQUESTS_PER_RUN) {
      // A process that froze must not carry on once another instance took its run over.
      if (this.context.stopped()) {
        // Left in the journal: the instance that claims it finishes it.
        leased.delete(this.runId);
        return Object.assign(this.record, {
          error: 'the executor stopped; the run is left to another',
        });
      }
      const response = await this.callNext();
      if (response.status === 200) return this.finish('completed', { output: response.body });
      if (response.status === 206) {
        const ended = await this.applyOps(response.body);
        if (ended) return ended;
        await this.writeDown('job steps not journaled');
        continue;
      }
      if (await this.retryRun(response)) continue;
      return this.finish('failed', { error: response.body });
    }
    return this.finish('failed', { error: `gave up after ${MAX_REQUESTS_PER_RUN} requests` });
  }

  /** Asks for the next planned step (or whatever comes next) with everything memoised so far. */
  private callNext(): Promise<HandlerReply> {
    const target = this.planned[0] ?? 'step';
    const attempt = target === 'step' ? this.runAttempt : (this.stepAttempts.get(target) ?? 0);
    this.record.requests += 1;
    return this.context.call(this.functionId, target, {
      event: this.event,
      events: [this.event],
      steps: this.steps,
      ctx: {
        run_id: this.runId,
        attempt,
        max_attempts: this.maxAttempts,
        disable_immediate_execution: false,
        stack: { stack: this.stack, current: this.stack.length - 1 },
      },
      version: 2,
    });
  }

  /** Applies the step ops of a 206; returns the record when one of them ended the run. */
  private async applyOps(body: unknown): Promise<RunRecord | null> {
    const ops = (Array.isArray(body) ? body : [body]) as OutgoingOp[];
    for (const op of ops) {
      const stepFields = { ...this.fields, step: op.displayName ?? op.name ?? op.id };
      switch (op.op) {
        case 'StepRun':
        case 'Step':
          this.memoise(op.id, { type: 'data', data: op.data ?? null });
          this.record.stepsRun += 1;
          this.context.log.info(stepFields, 'job step completed');
          break;
        case 'StepPlanned':
          if (!(op.id in this.steps) && !this.planned.includes(op.id)) this.planned.push(op.id);
          break;
        case 'StepError':
          await this.retryStep(op, stepFields);
          break;
        case 'StepFailed':
          this.memoise(op.id, { type: 'error', error: op.error });
          this.context.log.error(
            { ...stepFields, error: op.error },
            'job step failed after its last attempt',
          );
          break;
        case 'Sleep':
          return this.sleep(op, stepFields);
        case 'RunComplete':
          return this.finish('completed', { output: op.data });
        default:
          return this.finish('failed', {
            error: `the local executor does not run "${op.op}" steps; configure Inngest for them`,
          });
      }
    }
    return null;
  }

  /**
   * `step.sleep` / `step.sleepUntil`: the sleep is memoised as done and the run is written down
   * to wake at its time, then left; the executor that claims it then resumes it past the sleep.
   * Without a journal (tests) the run waits here.
   */
  private async sleep(
    op: OutgoingOp,
    stepFields: Record<string, unknown>,
  ): Promise<RunRecord | null> {
    const wakeAt = wakeTimeOf(op.name ?? '');
    if (wakeAt === null)
      return this.finish('failed', { error: `cannot read the sleep "${op.name ?? ''}"` });
    this.memoise(op.id, { type: 'data', data: null });
    const { journal, log, leased } = this.context;
    if (!journal || wakeAt <= Date.now()) {
      await delay(Math.max(0, wakeAt - Date.now()));
      return null;
    }
    const { runId, functionId, event, steps, stack } = this;
    await journal.sleep({ runId, functionId, event, steps, stack }, wakeAt);
    leased.delete(runId);
    log.info({ ...stepFields, wakeAt: new Date(wakeAt).toISOString() }, 'job run sleeping');
    return Object.assign(this.record, { status: 'sleeping' as const, wakeAt });
  }

  private memoise(stepId: string, result: MemoizedStep): void {
    this.steps[stepId] = result;
    this.stack.push(stepId);
    remove(this.planned, stepId);
  }

  /** A step failed but has attempts left: it is asked for first, after a backoff. */
  private async retryStep(op: OutgoingOp, stepFields: Record<string, unknown>): Promise<void> {
    const next = (this.stepAttempts.get(op.id) ?? 0) + 1;
    this.stepAttempts.set(op.id, next);
    this.record.retries += 1;
    if (!this.planned.includes(op.id)) this.planned.unshift(op.id);
    this.context.log.warn(
      { ...stepFields, attempt: next, error: op.error },
      'job step failed; retrying',
    );
    await delay(this.context.backoff(next));
  }

  /** A failed call: true (after a backoff) when the run is tried again. */
  private async retryRun(response: HandlerReply): Promise<boolean> {
    const retriable = response.status >= 500 && response.noRetry !== 'true';
    if (!retriable || this.runAttempt + 1 >= this.maxAttempts) return false;
    this.runAttempt += 1;
    this.record.retries += 1;
    this.context.log.warn(
      { ...this.fields, attempt: this.runAttempt, error: response.body },
      'job run failed; retrying',
    );
    await delay(this.context.backoff(this.runAttempt));
    return true;
  }

  /** Writes the run down; failing to only costs a successor more repeated steps. */
  private async writeDown(failureMessage: string): Promise<void> {
    const { journal, log } = this.context;
    if (!journal) return;
    const { runId, functionId, event, steps, stack } = this;
    await journal
      .save({ runId, functionId, event, steps, stack })
      .catch((error: unknown) => log.warn({ ...this.fields, err: String(error) }, failureMessage));
  }

  private finish(
    status: RunRecord['status'],
    result: { output?: unknown; error?: unknown },
  ): RunRecord {
    const { journal, log, leased } = this.context;
    leased.delete(this.runId);
    journal
      ?.end(this.runId)
      .catch((error: unknown) =>
        log.warn({ ...this.fields, err: String(error) }, 'job run not cleared from the journal'),
      );
    Object.assign(this.record, { status }, result);
    if (status === 'completed')
      log.info({ ...this.fields, steps: this.record.stepsRun }, 'job run completed');
    else
      log.error({ ...this.fields, data: this.event.data, error: result.error }, 'job run failed');
    return this.record;
  }
}

function remove(list: string[], item: string): void {
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The SDK names a sleep by its end (ISO time, sleepUntil) or its length ("1h30m", sleep). */
export function wakeTimeOf(name: string, now = Date.now()): number | null {
  const parts = [...name.matchAll(/(\d+)(ms|s|m|h|d|w)/g)];
  if (parts.length > 0 && parts.map((part) => part[0]).join('') === name)
    return (
      now +
      parts.reduce((sum, [, value, unit]) => sum + Number(value) * (UNIT_MS[unit ?? ''] ?? 0), 0)
    );
  const at = Date.parse(name);
  return Number.isNaN(at) ? null : at;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
