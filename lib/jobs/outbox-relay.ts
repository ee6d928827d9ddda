import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { durableRedis } from '@/lib/redis';
import { globalSingleton } from '@/lib/util/global-singleton';
import { forgetDelivered, sendOutboxEntries, type OutboxEntry } from './outbox';
import { OutboxEventModel } from './outbox-model';

/** Events read per relay tick. */
export const RELAY_BATCH = 50;
/** After this many failed sends an event is left as failed (and logged). */
export const RELAY_MAX_ATTEMPTS = 20;
export const RELAY_INTERVAL_MS = 5_000;
const CLAIM_SECONDS = 60;

/** 5 s, 10 s, 20 s … then every 10 minutes: about two and a half hours before giving up. */
export function relayBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

export interface DueEvent extends OutboxEntry {
  attempts: number;
  /** Announced before its change and never confirmed (see event-intent.ts). */
  intent?: boolean;
}

/** What the relay needs; the real ones are MongoDB, Redis and the Inngest client (below). */
export interface RelayPorts {
  /** Pending events and unconfirmed intents due at `now`, oldest due first. */
  due(now: Date, limit: number): Promise<DueEvent[]>;
  /** Makes an intent pending, unless its emitter confirmed (or cancelled) it meanwhile. */
  takeIntent(id: string): Promise<boolean>;
  /** A short claim across instances, so two relays do not send the same event at once. */
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  send(entry: OutboxEntry): Promise<void>;
  /** Accepted: the entry is deleted. */
  delivered(id: string): Promise<void>;
  retryLater(id: string, attempts: number, at: Date, error: string): Promise<void>;
  failed(id: string, attempts: number, error: string): Promise<void>;
  log: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
}

export interface RelayReport {
  delivered: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** One pass: sends every due pending event this relay can claim (one batch). */
export async function relayOnce(ports: RelayPorts, now = new Date()): Promise<RelayReport> {
  const report: RelayReport = { delivered: 0, retried: 0, failed: 0, skipped: 0 };
  for (const event of await ports.due(now, RELAY_BATCH)) {
    if (!(await ports.claim(event.id))) {
      report.skipped += 1;
      continue;
    }
    try {
      if (event.intent && !(await ports.takeIntent(event.id))) {
        report.skipped += 1;
        continue;
      }
      const { attempts: _attempts, intent: _intent, ...entry } = event;
      await ports.send(entry);
      await ports.delivered(event.id);
      report.delivered += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = event.attempts + 1;
      // Refused (see OutboxRefusal): no later attempt would do better.
      const refused = error instanceof Error && error.name === 'OutboxRefusal';
      if (refused || attempts >= RELAY_MAX_ATTEMPTS) {
        await ports.failed(event.id, attempts, message);
        ports.log.error(
          { eventId: event.id, event: event.name, attempts, err: message },
          refused
            ? 'job event refused; left as failed in the outbox'
            : 'job event given up after many attempts; left as failed in the outbox',
        );
        report.failed += 1;
      } else {
        const at = new Date(now.getTime() + relayBackoffMs(attempts));
        await ports.retryLater(event.id, attempts, at, message);
        ports.log.warn(
          { eventId: event.id, event: event.name, attempts, err: message },
          'job event not accepted; will retry',
        );
        report.retried += 1;
      }
    } finally {
      await ports.release(event.id);
    }
  }
  return report;
}

const claimKey = (id: string) => `jobs:outbox:claim:${id}`;

/** The relay over this app's MongoDB outbox, durable Redis and Inngest client. */
export function outboxRelayPorts(): RelayPorts {
  const store = durableRedis();
  return {
    async due(now, limit) {
      await connectDb();
      const rows = await OutboxEventModel.find(
        { status: { $in: ['pending', 'intent'] }, nextAttemptAt: { $lte: now } },
        { name: 1, data: 1, ts: 1, attempts: 1, status: 1 },
      )
        .sort({ nextAttemptAt: 1 })
        .limit(limit)
        .lean();
      return rows.map((row) => ({
        id: row._id,
        name: row.name,
        data: row.data,
        ts: row.ts,
        attempts: row.attempts,
        intent: row.status === 'intent',
      }));
    },
    async takeIntent(id) {
      const taken = await OutboxEventModel.updateOne(
        { _id: id, status: 'intent' },
        { $set: { status: 'pending' } },
      );
      return taken.modifiedCount === 1;
    },
    claim: (id) =>
      store.one(
        store.cmd.set(claimKey(id), '1', { ttlSeconds: CLAIM_SECONDS, onlyIfAbsent: true }),
      ),
    async release(id) {
      await store.one(store.cmd.del(claimKey(id))).catch(() => undefined);
    },
    send: (entry) => sendOutboxEntries([entry]),
    delivered: (id) => forgetDelivered([id]),
    async retryLater(id, attempts, at, error) {
      await OutboxEventModel.updateOne(
        { _id: id, status: 'pending' },
        { $set: { attempts, nextAttemptAt: at, lastError: error.slice(0, 500) } },
      );
    },
    async failed(id, attempts, error) {
      await OutboxEventModel.updateOne(
        { _id: id, status: 'pending' },
        { $set: { status: 'failed', attempts, lastError: error.slice(0, 500) } },
      );
    },
    log: logger().child({ component: 'outbox-relay' }),
  };
}

/** One relay pass over the real stores (tests call it directly). */
export function relayOutbox(now = new Date()): Promise<RelayReport> {
  return relayOnce(outboxRelayPorts(), now);
}

/**
 * Runs the relay every few seconds in this instance (every instance runs one: claims keep them
 * from sending the same event at once). It needs only MongoDB and Redis, never the job runner it
 * delivers to, so it keeps trying while that is down.
 */
export function startOutboxRelay(): void {
  const state = globalSingleton('outboxRelay', () => ({ started: false, running: false }));
  if (state.started) return;
  state.started = true;
  const timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    relayOutbox()
      .catch((error: unknown) => {
        logger().warn({ err: String(error) }, 'outbox relay pass failed; will retry');
      })
      .finally(() => {
        state.running = false;
      });
  }, RELAY_INTERVAL_MS);
  timer.unref();
}
