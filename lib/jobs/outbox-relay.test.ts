import { describe, expect, it } from 'vitest';
import { OutboxRefusal, type OutboxEntry } from './outbox';
import {
  RELAY_BATCH,
  RELAY_MAX_ATTEMPTS,
  relayBackoffMs,
  relayOnce,
  type RelayPorts,
} from './outbox-relay';

interface Row extends OutboxEntry {
  status: 'intent' | 'pending' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

/** An in-memory outbox, claim store and job runner that can be switched off. */
function fakeRelay(rows: Row[]) {
  const claims = new Set<string>();
  const sent: string[] = [];
  const logged: { level: string; message: string }[] = [];
  const runner = { up: true };
  const row = (id: string) => {
    const found = rows.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no row ${id}`);
    return found;
  };
  const ports: RelayPorts = {
    async due(now, limit) {
      return rows
        .filter((r) => r.status !== 'failed' && r.nextAttemptAt <= now.getTime())
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
        .slice(0, limit)
        .map(({ id, name, data, ts, attempts, status }) => ({
          id,
          name,
          data,
          ts,
          attempts,
          intent: status === 'intent',
        }));
    },
    async takeIntent(id) {
      const found = rows.find((candidate) => candidate.id === id);
      if (found?.status !== 'intent') return false;
      found.status = 'pending';
      return true;
    },
    async claim(id) {
      if (claims.has(id)) return false;
      claims.add(id);
      return true;
    },
    async release(id) {
      claims.delete(id);
    },
    async send(entry) {
      if (!runner.up) throw new Error('job runner unavailable');
      sent.push(entry.id);
    },
    async delivered(id) {
      rows.splice(rows.indexOf(row(id)), 1);
    },
    async retryLater(id, attempts, at, error) {
      Object.assign(row(id), { attempts, nextAttemptAt: at.getTime(), lastError: error });
    },
    async failed(id, attempts, error) {
      Object.assign(row(id), { status: 'failed', attempts, lastError: error });
    },
    log: {
      warn: (_fields, message) => logged.push({ level: 'warn', message }),
      error: (_fields, message) => logged.push({ level: 'error', message }),
    },
  };
  return { ports, claims, sent, logged, runner };
}

const pending = (id: string, nextAttemptAt: number, attempts = 0): Row => ({
  id,
  name: 'test/event',
  data: { id },
  ts: 1,
  status: 'pending',
  attempts,
  nextAttemptAt,
});

describe('the outbox relay', () => {
  it('sends due pending events, forgets them once accepted, and leaves those not yet due', async () => {
    const rows = [pending('a', 1_000), pending('b', 2_000), pending('later', 60_000)];
    const relay = fakeRelay(rows);
    const report = await relayOnce(relay.ports, new Date(5_000));
    expect(relay.sent).toEqual(['a', 'b']);
    expect(report).toMatchObject({ delivered: 2, retried: 0, failed: 0, skipped: 0 });
    expect(rows.map((r) => r.id)).toEqual(['later']);
    expect(relay.claims.size).toBe(0);

    // A second pass sends nothing again.
    await relayOnce(relay.ports, new Date(6_000));
    expect(relay.sent).toEqual(['a', 'b']);
  });

  it('skips an event another relay holds, and sends it once that claim is released', async () => {
    const rows = [pending('held', 0), pending('free', 0)];
    const relay = fakeRelay(rows);
    relay.claims.add('held');
    const report = await relayOnce(relay.ports, new Date(1_000));
    expect(report).toMatchObject({ delivered: 1, skipped: 1 });
    expect(relay.sent).toEqual(['free']);
    expect(rows.map((r) => r.id)).toEqual(['held']);

    relay.claims.delete('held');
    await relayOnce(relay.ports, new Date(2_000));
    expect(relay.sent).toEqual(['free', 'held']);
  });

  it('backs off while the job runner is down, then delivers once it is back', async () => {
    const rows = [pending('e', 0)];
    const relay = fakeRelay(rows);
    relay.runner.up = false;
    let now = 1_000;
    const report = await relayOnce(relay.ports, new Date(now));
    expect(report).toMatchObject({ retried: 1, delivered: 0 });
    expect(rows[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: now + relayBackoffMs(1),
      lastError: 'job runner unavailable',
    });
    expect(relay.claims.size).toBe(0);

    // Not due yet: not tried.
    await relayOnce(relay.ports, new Date(now + relayBackoffMs(1) - 1));
    expect(rows[0]?.attempts).toBe(1);

    now += relayBackoffMs(1);
    await relayOnce(relay.ports, new Date(now));
    expect(rows[0]).toMatchObject({ attempts: 2, nextAttemptAt: now + relayBackoffMs(2) });

    relay.runner.up = true;
    now += relayBackoffMs(2);
    await relayOnce(relay.ports, new Date(now));
    expect(rows).toEqual([]);
    expect(relay.sent).toEqual(['e']);
  });

  it('waits longer after each failure, up to ten minutes', () => {
    const delays = Array.from({ length: RELAY_MAX_ATTEMPTS }, (_, i) => relayBackoffMs(i + 1));
    expect(delays.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000]);
    for (let i = 1; i < delays.length; i += 1)
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBe(10 * 60_000);
  });

  it('leaves an event failed, and says so, after the last attempt', async () => {
    const rows = [pending('doomed', 0, RELAY_MAX_ATTEMPTS - 1)];
    const relay = fakeRelay(rows);
    relay.runner.up = false;
    const report = await relayOnce(relay.ports, new Date(1_000));
    expect(report).toMatchObject({ failed: 1, retried: 0 });
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: RELAY_MAX_ATTEMPTS });
    expect(relay.logged).toEqual([expect.objectContaining({ level: 'error' })]);

    relay.runner.up = true;
    await relayOnce(relay.ports, new Date(10 ** 9));
    expect(relay.sent).toEqual([]);
  });

  it('reads one batch per pass', async () => {
    const rows = Array.from({ length: RELAY_BATCH + 5 }, (_, i) => pending(`n${i}`, i));
    const relay = fakeRelay(rows);
    expect((await relayOnce(relay.ports, new Date(1_000))).delivered).toBe(RELAY_BATCH);
    expect(rows).toHaveLength(5);
    expect((await relayOnce(relay.ports, new Date(1_000))).delivered).toBe(5);
  });

  it('leaves an event it must never send failed at once, without retrying', async () => {
    const rows = [pending('forged', 0)];
    const relay = fakeRelay(rows);
    relay.ports.send = async () => {
      throw new OutboxRefusal('refused');
    };
    expect(await relayOnce(relay.ports, new Date(1_000))).toMatchObject({ failed: 1, retried: 0 });
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('the outbox relay and announced events (intents)', () => {
  const intent = (id: string, nextAttemptAt: number): Row => ({
    ...pending(id, nextAttemptAt),
    status: 'intent',
  });

  it('sends an intent its emitter never confirmed, once its grace is over', async () => {
    const rows = [intent('orphan', 500)];
    const relay = fakeRelay(rows);
    expect(await relayOnce(relay.ports, new Date(100))).toMatchObject({ delivered: 0 });
    expect(await relayOnce(relay.ports, new Date(1_000))).toMatchObject({ delivered: 1 });
    expect(relay.sent).toEqual(['orphan']);
    expect(rows).toEqual([]);
  });

  it('leaves an intent its emitter confirmed meanwhile to the emitter', async () => {
    const rows = [intent('raced', 0)];
    const relay = fakeRelay(rows);
    const takeIntent = relay.ports.takeIntent;
    relay.ports.takeIntent = async (id) => {
      // The emitter confirms (and sends it itself) between the read and the take.
      rows.splice(0, 1);
      return takeIntent(id);
    };
    expect(await relayOnce(relay.ports, new Date(1_000))).toMatchObject({
      delivered: 0,
      skipped: 1,
    });
    expect(relay.sent).toEqual([]);
  });

  it('retries an intent it took like any pending event while the job runner is down', async () => {
    const rows = [intent('orphan', 0)];
    const relay = fakeRelay(rows);
    relay.runner.up = false;
    expect(await relayOnce(relay.ports, new Date(1_000))).toMatchObject({ retried: 1 });
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });
});
