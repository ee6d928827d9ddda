import { randomUUID } from 'node:crypto';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { inngest } from './client';
import { OutboxEventModel, type OutboxStatus } from './outbox-model';
import { checkSeal, sealedKindOf, sealOf } from './sealed-events';

export type Sendable = Parameters<typeof inngest.send>[0];

/** An event as the outbox keeps it: always with an id, so every send of it is the same event. */
export interface OutboxEntry {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
}

/** The relay leaves an event to its emitter's own send for this long before trying itself. */
export const RELAY_GRACE_MS = 10_000;

interface Payload {
  id?: string;
  name: string;
  data?: unknown;
  ts?: number;
  validate?: () => Promise<void>;
}

/** An event the relay must never send (it could not have come from this app); not retried. */
export class OutboxRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxRefusal';
  }
}

/**
 * Gives every event an id (a random one when its emitter knows none: a sealed kind's ids keep
 * its prefix, `mail:` for mail) and checks typed events against their schema now, so an event
 * that can never be accepted is refused here rather than retried for hours. Sealed kinds (mail)
 * are sealed as they are recorded: the relay sends (and the client seals afresh) only sealed
 * events this app wrote, so the outbox collection is no way to have the app seal someone
 * else's message.
 */
export async function toOutboxEntries(events: Sendable, now = Date.now()): Promise<OutboxEntry[]> {
  const payloads = (Array.isArray(events) ? events : [events]) as readonly Payload[];
  const entries: OutboxEntry[] = [];
  for (const payload of payloads) {
    if (typeof payload.validate === 'function') await payload.validate();
    const kind = sealedKindOf(payload.name);
    const id = payload.id ?? `${kind?.idPrefix ?? 'event'}:${randomUUID()}`;
    const data = { ...(payload.data as Record<string, unknown> | undefined) };
    if (kind) Object.assign(data, { sealedAt: now, seal: sealOf(kind, id, data, now) });
    entries.push({ id, name: payload.name, data, ts: payload.ts ?? now });
  }
  return entries;
}

/**
 * Stores the events as pending (or, announced before their change, as intents: see
 * event-intent.ts), due after `graceMs`. An event id already stored is left as it is; returns
 * the entries this call stored.
 */
export async function recordInOutbox(
  entries: readonly OutboxEntry[],
  now = new Date(),
  {
    status = 'pending',
    graceMs = RELAY_GRACE_MS,
  }: { status?: OutboxStatus; graceMs?: number } = {},
): Promise<OutboxEntry[]> {
  await connectDb();
  const stored = await Promise.all(
    entries.map((entry) =>
      OutboxEventModel.create({
        _id: entry.id,
        name: entry.name,
        data: entry.data,
        ts: entry.ts,
        status,
        attempts: 0,
        nextAttemptAt: new Date(now.getTime() + graceMs),
        createdAt: now,
      }).then(
        () => entry,
        (error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
          return null;
        },
      ),
    ),
  );
  return stored.filter((entry) => entry !== null);
}

/**
 * Hands events to Inngest or the in-process executor; resolves once they are accepted. Sealed
 * events are sealed on the way (the client's middleware), at each send: a relayed one too, if
 * the seal it was recorded with is this app's.
 */
export async function sendOutboxEntries(entries: readonly OutboxEntry[]): Promise<void> {
  for (const entry of entries) {
    const kind = sealedKindOf(entry.name);
    if (!kind) continue;
    const check = checkSeal(kind, entry.id, entry.data);
    if (!check.ok)
      throw new OutboxRefusal(`${entry.name} event ${entry.id} refused: ${check.reason}`);
  }
  await inngest.send(
    entries.map((entry) => ({ id: entry.id, name: entry.name, data: entry.data, ts: entry.ts })),
  );
}

/**
 * Accepted: the entries are deleted (their ids are remembered where it matters: by the executor's
 * claims and by Inngest, for 24 h), so no payload, such as a mail's confirmation link, lingers.
 */
export async function forgetDelivered(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await connectDb();
  await OutboxEventModel.deleteMany({ _id: { $in: [...ids] } });
}

export interface RecordAndSendOutcome {
  entries: OutboxEntry[];
  /** The events are in the outbox: if not sent now, the relay sends them. */
  recorded: boolean;
  /** They were accepted now. */
  sent: boolean;
  errors: string[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends recorded events now and, once accepted, forgets them. Not sent, they stay for the relay;
 * sent but not forgotten, the relay only re-sends them harmlessly (ids are claimed once).
 */
export async function sendRecorded(
  entries: OutboxEntry[],
  recorded: boolean,
  errors: string[] = [],
): Promise<RecordAndSendOutcome> {
  let sent = false;
  try {
    await sendOutboxEntries(entries);
    sent = true;
  } catch (error) {
    errors.push(`send: ${messageOf(error)}`);
  }
  if (sent && recorded) {
    await forgetDelivered(entries.map((entry) => entry.id)).catch((error: unknown) => {
      errors.push(`forget delivered: ${messageOf(error)}`);
    });
  }
  return { entries, recorded, sent, errors };
}

/**
 * Records the events in the outbox, then sends them. Either is enough for them to be delivered:
 * recorded but not sent, the relay sends them later; sent but not recorded, they were accepted.
 */
export async function recordAndSend(events: Sendable): Promise<RecordAndSendOutcome> {
  const entries = await toOutboxEntries(events);
  const errors: string[] = [];
  let recorded = false;
  try {
    await recordInOutbox(entries);
    recorded = true;
  } catch (error) {
    errors.push(`outbox: ${messageOf(error)}`);
  }
  return sendRecorded(entries, recorded, errors);
}
