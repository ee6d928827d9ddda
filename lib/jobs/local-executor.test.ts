import { serve } from 'inngest/next';
import type { InngestFunction } from 'inngest';
import { afterEach, describe, expect, it } from 'vitest';
import { inngest, setLocalDispatch } from './client';
import { LocalExecutor } from './local-executor';
import { fetchHandlerOf } from './runtime';

/** Builds an executor over the SDK's own serve() handler and routes the client's sends to it. */
function executorFor(functions: InngestFunction.Any[], options: { concurrency?: number } = {}) {
  const seen = new Set<string>();
  const executor = new LocalExecutor({
    appId: inngest.id,
    functions,
    handler: fetchHandlerOf(serve({ client: inngest, functions })),
    retryBaseMs: 5,
    concurrency: options.concurrency,
    claimEvent: async (id) => {
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    },
  });
  setLocalDispatch((events) => executor.dispatch(events));
  return executor;
}

afterEach(() => setLocalDispatch(undefined));

describe('the in-process executor', () => {
  it('runs a function of several steps, each step once, and memoises their results', async () => {
    const calls: string[] = [];
    const fn = inngest.createFunction(
      { id: 'test-steps', triggers: [{ event: 'test/steps' }] },
      async ({ event, step }) => {
        const a = await step.run('first', () => {
          calls.push('first');
          return (event.data as { start: number }).start + 1;
        });
        const b = await step.run('second', () => {
          calls.push('second');
          return a * 10;
        });
        const [c, d] = await Promise.all([
          step.run('parallel-c', () => {
            calls.push('c');
            return b + 1;
          }),
          step.run('parallel-d', () => {
            calls.push('d');
            return b + 2;
          }),
        ]);
        return { total: c + d };
      },
    );
    const executor = executorFor([fn]);
    await inngest.send({ name: 'test/steps', data: { start: 1 } });
    await executor.idle();
    const [run] = executor.history;
    expect(run?.status).toBe('completed');
    expect(run?.output).toEqual({ total: 43 });
    expect(calls.sort()).toEqual(['c', 'd', 'first', 'second']);
    expect(run?.stepsRun).toBe(4);
  });

  it('retries a step that fails once, without repeating the steps before it', async () => {
    let flakyAttempts = 0;
    let firstRuns = 0;
    const fn = inngest.createFunction(
      { id: 'test-flaky', retries: 3, triggers: [{ event: 'test/flaky' }] },
      async ({ step }) => {
        await step.run('before', () => {
          firstRuns += 1;
          return 'ok';
        });
        return step.run('flaky', () => {
          flakyAttempts += 1;
          if (flakyAttempts === 1) throw new Error('temporary failure');
          return 'recovered';
        });
      },
    );
    const executor = executorFor([fn]);
    await inngest.send({ name: 'test/flaky', data: {} });
    await executor.idle();
    const [run] = executor.history;
    expect(run?.status).toBe('completed');
    expect(run?.output).toBe('recovered');
    expect(flakyAttempts).toBe(2);
    expect(firstRuns).toBe(1);
    expect(run?.retries).toBe(1);
  });

  it('fans out through step.sendEvent into a second function', async () => {
    const received: number[] = [];
    const parent = inngest.createFunction(
      { id: 'test-parent', triggers: [{ event: 'test/parent' }] },
      async ({ step }) => {
        await step.sendEvent(
          'fan-out',
          Array.from({ length: 5 }, (_, index) => ({ name: 'test/child', data: { index } })),
        );
        return 'sent';
      },
    );
    const child = inngest.createFunction(
      { id: 'test-child', triggers: [{ event: 'test/child' }] },
      async ({ event, step }) =>
        step.run('record', () => {
          received.push((event.data as { index: number }).index);
          return true;
        }),
    );
    const executor = executorFor([parent, child]);
    await inngest.send({ name: 'test/parent', data: {} });
    await executor.idle();
    expect(received.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(executor.history.filter((run) => run.functionId === child.id(inngest.id))).toHaveLength(
      5,
    );
    expect(executor.history.every((run) => run.status === 'completed')).toBe(true);
  });

  it('records a function that keeps failing as failed after its last attempt', async () => {
    let attempts = 0;
    const fn = inngest.createFunction(
      { id: 'test-broken', retries: 2, triggers: [{ event: 'test/broken' }] },
      async ({ step }) =>
        step.run('always-fails', () => {
          attempts += 1;
          throw new Error('permanent failure');
        }),
    );
    const executor = executorFor([fn]);
    await inngest.send({ name: 'test/broken', data: { id: 7 } });
    await executor.idle();
    const [run] = executor.history;
    expect(attempts).toBe(3);
    expect(run?.status).toBe('failed');
    expect(JSON.stringify(run?.error)).toContain('permanent failure');
    expect(run?.event.data).toEqual({ id: 7 });
  });

  it('bounds how many runs execute at once', async () => {
    let active = 0;
    let peak = 0;
    const fn = inngest.createFunction(
      { id: 'test-bounded', triggers: [{ event: 'test/bounded' }] },
      async ({ step }) =>
        step.run('work', async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active -= 1;
          return true;
        }),
    );
    const executor = executorFor([fn], { concurrency: 2 });
    await inngest.send(Array.from({ length: 6 }, () => ({ name: 'test/bounded', data: {} })));
    await executor.idle();
    expect(executor.history).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('processes an event id once, like Inngest', async () => {
    let runs = 0;
    const fn = inngest.createFunction(
      { id: 'test-dedupe', triggers: [{ event: 'test/dedupe' }] },
      async () => {
        runs += 1;
        return runs;
      },
    );
    const executor = executorFor([fn]);
    await inngest.send({ id: 'same-event', name: 'test/dedupe', data: {} });
    await inngest.send({ id: 'same-event', name: 'test/dedupe', data: {} });
    await executor.idle();
    expect(runs).toBe(1);
  });
});
