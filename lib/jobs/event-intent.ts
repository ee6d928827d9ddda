import { connectDb } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import {
  RELAY_GRACE_MS,
  recordAndSend,
  recordInOutbox,
  sendRecorded,
  toOutboxEntries,
  type OutboxEntry,
  type RecordAndSendOutcome,
  type Sendable,
} from './outbox';
import { OutboxEventModel } from './outbox-model';

/**
 * How long an announced event waits for its emitter's confirmation before the relay sends it
 * anyway. Far longer than any change takes: sent before its change is stored, a job would find
 * nothing to do and the event's id, claimed once, would hide the real one (confirm() then sends
 * a late copy, below).
 */
export const INTENT_GRACE_MS = 2 * 60_000;

/** Events announced before the change that causes them; settle them once it is stored or not. */
export interface EventIntent {
  /** The change is stored: send the events now (or these replacements, worked out since). */
  confirm(replacements?: Sendable): Promise<void>;
  /** The change did not happen: forget the events. */
  cancel(): Promise<void>;
}

const NOTHING: EventIntent = {
  confirm: (replacements) =>
    replacements === undefined ? Promise.resolve() : settle([], replacements),
  cancel: () => Promise.resolve(),
};

/**
 * Records `events` in the outbox as an intent, before the change that causes them, so that no
 * crash between the change and its events can lose them (MongoDB here has no transactions to
 * write both at once). An emitter that dies after its change leaves the intent to the relay,
 * which sends it after INTENT_GRACE_MS; one that dies before its change leaves an event for
 * something that never happened, which the jobs ignore: each re-checks MongoDB before acting.
 * A failure to record is thrown, before anything is changed.
 */
export async function announceEvents(events: Sendable | null): Promise<EventIntent> {
  if (events === null) return NOTHING;
  // An event id already waiting (an earlier, identical event) is on its way: nothing to settle.
  const entries = await recordInOutbox(await toOutboxEntries(events), new Date(), {
    status: 'intent',
    graceMs: INTENT_GRACE_MS,
  });
  if (entries.length === 0) return NOTHING;
  return {
    confirm: (replacements) => settle(entries, replacements),
    cancel: () => forgetIntents(entries),
  };
}

/**
 * Runs `change` between announcing `events` and confirming them. A change that throws may have
 * been stored in part: its intent is left to the relay (and the jobs' re-checks).
 */
export async function changeWithEvents<T>(
  events: Sendable | null,
  change: () => Promise<T>,
): Promise<T> {
  const intent = await announceEvents(events);
  const result = await change();
  await intent.confirm();
  return result;
}

async function settle(intents: OutboxEntry[], replacements?: Sendable): Promise<void> {
  try {
    if (replacements !== undefined) {
      const entries = await toOutboxEntries(replacements);
      const ids = new Set(intents.map((entry) => entry.id));
      if (entries.length !== ids.size || entries.some((entry) => !ids.has(entry.id))) {
        // The replacements are recorded before the intents go: a crash in between sends both,
        // which the jobs' re-checks and idempotent writes make harmless.
        report(await recordAndSend(entries));
        await forgetIntents(intents);
        return;
      }
    }
    report(await sendRecorded(await confirmIntents(intents), true));
  } catch (error) {
    logger().warn(
      { err: error instanceof Error ? error.message : String(error), events: intents },
      'job events left to the relay',
    );
  }
}

/**
 * Turns the intents into pending events. One the relay already took (its grace ran out before
 * the change was stored) may have been sent too early; a copy under a new id goes out instead.
 */
async function confirmIntents(intents: OutboxEntry[]): Promise<OutboxEntry[]> {
  await connectDb();
  const confirmed: OutboxEntry[] = [];
  const taken: OutboxEntry[] = [];
  for (const entry of intents) {
    const update = await OutboxEventModel.updateOne(
      { _id: entry.id, status: 'intent' },
      { $set: { status: 'pending', nextAttemptAt: new Date(Date.now() + RELAY_GRACE_MS) } },
    );
    (update.modifiedCount === 1 ? confirmed : taken).push(entry);
  }
  if (taken.length === 0) return confirmed;
  // Through toOutboxEntries again, so that a sealed kind is sealed under its new id.
  const late = await toOutboxEntries(taken.map((entry) => ({ ...entry, id: `${entry.id}:late` })));
  await recordInOutbox(late);
  return [...confirmed, ...late];
}

async function forgetIntents(intents: OutboxEntry[]): Promise<void> {
  await connectDb();
  await OutboxEventModel.deleteMany({
    _id: { $in: intents.map((entry) => entry.id) },
    status: 'intent',
  }).catch((error: unknown) => {
    logger().warn({ err: String(error) }, 'cancelled job events left to the relay (harmless)');
  });
}

function report(outcome: RecordAndSendOutcome): void {
  if (outcome.errors.length === 0) return;
  logger().warn(
    { errors: outcome.errors, eventIds: outcome.entries.map((entry) => entry.id) },
    outcome.sent ? 'job events sent, outbox not updated' : 'job events left to the relay',
  );
}
