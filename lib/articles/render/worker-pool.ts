import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { globalSingleton } from '@/lib/util/global-singleton';
import { MARKDOWN_LIMITS, type RenderRefusal } from './limits';
import type { PipelineOutcome, RenderProfile } from './pipeline';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { describeWorkerScript, renderWorkerScript, type WorkerScript } from './worker-script';

export type PoolOutcome =
  PipelineOutcome | { ok: false; reason: Extract<RenderRefusal, 'busy' | 'too-slow'> };

interface Task {
  markdown: string;
  profile: RenderProfile;
  settle: (outcome: PoolOutcome) => void;
  fail: (error: Error) => void;
  waiting: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  script: string;
  ready: boolean;
  running: { id: number; task: Task; budget: NodeJS.Timeout } | null;
}

export interface RenderPoolOptions {
  size: number;
  timeBudgetMs: number;
  queueWaitMs: number;
  maxQueued: number;
  heapMb: number;
  script?: () => WorkerScript;
  onRefusal?: (reason: RenderRefusal, detail?: string) => void;
}

/**
 * A few worker threads that render Markdown, so no render ever runs on the server's event loop.
 * Each render has a time budget from the moment a ready worker takes it: one that overruns has its
 * worker terminated (a fresh one replaces it) and is refused. Waiting is bounded too: a full queue
 * or a long wait answers "busy" rather than piling up work. Idle workers keep no process alive.
 */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(private readonly options: RenderPoolOptions) {}

  render(markdown: string, profile: RenderProfile = 'article'): Promise<PoolOutcome> {
    return new Promise<PoolOutcome>((resolve, reject) => {
      if (this.queue.length >= this.options.maxQueued) {
        resolve({ ok: false, reason: 'busy' });
        return;
      }
      const task: Task = {
        markdown,
        profile,
        settle: resolve,
        fail: reject,
        waiting: setTimeout(() => {
          const index = this.queue.indexOf(task);
          if (index === -1) return;
          this.queue.splice(index, 1);
          resolve({ ok: false, reason: 'busy' });
        }, this.options.queueWaitMs),
      };
      this.queue.push(task);
      this.fill();
      this.dispatch();
    });
  }

  /** Starts the workers now (at server start), so the first render does not wait for them. */
  warm(): void {
    this.fill();
  }

  /** Stops every worker (tests, shutdown); queued renders are refused as busy. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) {
      clearTimeout(task.waiting);
      task.settle({ ok: false, reason: 'busy' });
    }
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot)));
  }

  private fill(): void {
    while (this.slots.length < this.options.size) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const script = (this.options.script ?? renderWorkerScript)();
    const resourceLimits = { maxOldGenerationSizeMb: this.options.heapMb };
    const worker =
      script.kind === 'file'
        ? new Worker(script.file, { resourceLimits })
        : new Worker(script.code, { eval: true, resourceLimits });
    // Idle workers must not keep a script or test process alive; pending renders hold timers.
    worker.unref();
    const slot: Slot = {
      worker,
      script: describeWorkerScript(script),
      ready: false,
      running: null,
    };
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', () => this.onExit(slot, null));
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.ready) {
      slot.ready = true;
    } else if (slot.running && slot.running.id === reply.id) {
      const { task, budget } = slot.running;
      clearTimeout(budget);
      slot.running = null;
      if (!reply.outcome.ok) this.options.onRefusal?.(reply.outcome.reason, reply.detail);
      task.settle(reply.outcome);
    }
    this.dispatch();
  }

  /** A worker that died: its render (if any) is refused; a worker that never started fails the queue. */
  private onExit(slot: Slot, error: Error | null): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    if (slot.running) {
      clearTimeout(slot.running.budget);
      // Out of memory, most likely: the body is what needed it.
      this.options.onRefusal?.('unrenderable', error?.message);
      slot.running.task.settle({ ok: false, reason: 'unrenderable' });
      slot.running = null;
    } else if (!slot.ready) {
      // The worker could not even start (a missing build, a broken install): nothing will work.
      const failure = new Error(
        `the render worker ${slot.script} did not start: ${error?.message ?? 'it exited'}`,
      );
      for (const task of this.queue.splice(0)) {
        clearTimeout(task.waiting);
        task.fail(failure);
      }
      return;
    }
    if (this.queue.length > 0) this.fill();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running) continue;
      const task = this.queue.shift();
      if (!task) return;
      clearTimeout(task.waiting);
      const id = this.nextId++;
      const budget = setTimeout(() => {
        if (slot.running?.id !== id) return;
        slot.running = null;
        this.options.onRefusal?.('too-slow');
        task.settle({ ok: false, reason: 'too-slow' });
        // The only way to stop synchronous work: end the thread. A fresh worker takes its place.
        this.slots.splice(this.slots.indexOf(slot), 1);
        void this.stop(slot);
        this.fill();
      }, this.options.timeBudgetMs);
      slot.running = { id, task, budget };
      slot.worker.postMessage({
        id,
        markdown: task.markdown,
        profile: task.profile,
      } satisfies WorkerRequest);
    }
  }

  private async stop(slot: Slot): Promise<void> {
    slot.worker.removeAllListeners();
    // Listen for errors during termination so none is reported as unhandled.
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate();
  }
}

/**
 * The process's pool: one per process even though Next bundles this module into several chunks.
 * Two cores here: two workers share them with the event loop, which the OS still schedules.
 */
export function renderPool(onRefusal?: RenderPoolOptions['onRefusal']): RenderPool {
  return globalSingleton(
    'renderPool',
    () =>
      new RenderPool({
        size: Math.max(2, Math.min(4, availableParallelism() - 1)),
        timeBudgetMs: MARKDOWN_LIMITS.timeBudgetMs,
        queueWaitMs: MARKDOWN_LIMITS.queueWaitMs,
        maxQueued: MARKDOWN_LIMITS.maxQueued,
        heapMb: MARKDOWN_LIMITS.workerHeapMb,
        onRefusal,
      }),
  );
}
