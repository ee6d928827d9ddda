import { describe, expect, it } from 'vitest';
import { setUpTestStores } from '@/lib/testing/stores';
import { inngest } from './client';
import { wakeTimeOf } from './job-run';
import { LocalExecutor } from './local-executor';
import { journaledExecutor, until } from '@/lib/testing/journaled-executor';

setUpTestStores();

const LEASE_MS = 300;
const ran: { step: string; at: number; token: string }[] = [];

/** Sleeps until the event's time between two steps, the way a scheduled publication does. */
const sleeper = inngest.createFunction(
  { id: 'test-durable-sleeper', retries: 1, triggers: [{ event: 'test/sleep-until' }] },
  async ({ event, step }) => {
    const data = event.data as { at: string; token: string };
    await step.run('before', () => {
      ran.push({ step: 'before', at: Date.now(), token: data.token });
    });
    await step.sleepUntil('wait', new Date(data.at));
    await step.run('after', () => {
      ran.push({ step: 'after', at: Date.now(), token: data.token });
    });
    return 'woke';
  },
);

function instance(): LocalExecutor {
  return journaledExecutor([sleeper], LEASE_MS);
}

describe('durable sleeps in the in-process executor', () => {
  it('wakes a run once, on time, in another instance after the first one stopped', async () => {
    const token = `t-${Date.now()}`;
    const wakeAt = Date.now() + 1_500;
    const first = instance();
    await first.dispatch([
      {
        id: `sleep-${token}`,
        name: 'test/sleep-until',
        data: { at: new Date(wakeAt).toISOString(), token },
        ts: Date.now(),
      },
    ]);
    await first.idle();
    expect(first.history.at(-1)).toMatchObject({ status: 'sleeping', wakeAt });
    // The process "restarts": it stops, and two fresh instances look for runs to resume.
    first.stop();
    const [second, third] = [instance(), instance()];
    second.startRecovery();
    third.startRecovery();
    await until(() => ran.some((entry) => entry.token === token && entry.step === 'after'));
    await Promise.all([second.idle(), third.idle()]);
    await new Promise((resolve) => setTimeout(resolve, 3 * LEASE_MS));
    second.stop();
    third.stop();

    const mine = ran.filter((entry) => entry.token === token);
    expect(mine.map((entry) => entry.step)).toEqual(['before', 'after']);
    const woke = mine[1]?.at ?? 0;
    expect(woke).toBeGreaterThanOrEqual(wakeAt);
    expect(woke - wakeAt).toBeLessThan(2_000);
    expect(
      [...second.history, ...third.history].filter((run) => run.status === 'completed'),
    ).toHaveLength(1);
  });

  it('reads the SDK’s names for a sleep: an ISO time or a length', () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0);
    expect(wakeTimeOf('2026-12-24T18:00:00.000Z', now)).toBe(Date.UTC(2026, 11, 24, 18));
    expect(wakeTimeOf('2h30m10s', now)).toBe(now + (2 * 3600 + 30 * 60 + 10) * 1000);
    expect(wakeTimeOf('1w1d', now)).toBe(now + 8 * 86_400_000);
    expect(wakeTimeOf('soon', now)).toBeNull();
  });
});
