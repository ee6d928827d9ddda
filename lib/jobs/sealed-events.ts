import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Middleware } from 'inngest';
import { z } from 'zod';
import { env } from '@/lib/config/env';
import { globalSingleton } from '@/lib/util/global-singleton';
import { canonicalJson } from './signing';

/**
 * Sealed events: a job that acts for someone (the mail job mails any address) must know that
 * this app wrote the event, not whoever holds an Inngest event key or can write to the outbox.
 * Each event of a sealed kind carries a seal as the app sends it: an HMAC of its id, the fields
 * the job acts on and the sealing time, keyed from AUTH_SECRET (never known to Inngest). The job
 * checks it and refuses a missing, wrong or old seal, so a forged event does nothing.
 *
 * A domain declares its sealed kinds where it defines the events (lib/mail/events.ts), so any
 * code that creates one has declared it. An event of a kind this process has not declared is
 * neither sealed nor sealed afresh: a gap can only make a job refuse, never accept.
 */
export interface SealedEventKind {
  name: string;
  /** The data fields the seal covers: what the job will act on. */
  fields: readonly string[];
  /** An event sent without an id gets `<idPrefix>:<random uuid>` (the seal covers the id). */
  idPrefix: string;
  /** Sets this kind's key apart from every other use of AUTH_SECRET. */
  purpose: string;
}

/** Long enough for every retry of a job; a replay after that is refused. */
export const SEAL_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

/** What the app adds to a sealed event's data as it sends it. */
export const sealSchema = z.object({
  seal: z.string().regex(/^[a-f0-9]{64}$/),
  sealedAt: z.number().int(),
});

const kinds = globalSingleton('sealedEventKinds', () => new Map<string, SealedEventKind>());

export function declareSealedEvent<Kind extends SealedEventKind>(kind: Kind): Kind {
  kinds.set(kind.name, kind);
  return kind;
}

export function sealedKindOf(name: string): SealedEventKind | undefined {
  return kinds.get(name);
}

function sealKey(kind: SealedEventKind): Buffer {
  return createHmac('sha256', env().AUTH_SECRET).update(kind.purpose).digest();
}

export function sealOf(
  kind: SealedEventKind,
  id: string,
  data: Record<string, unknown>,
  sealedAt: number,
): string {
  const covered = Object.fromEntries(kind.fields.map((field) => [field, data[field]]));
  return createHmac('sha256', sealKey(kind))
    .update(canonicalJson({ id, ...covered, sealedAt }))
    .digest('hex');
}

export type SealCheck = { ok: true } | { ok: false; reason: string };

/** Checks the seal an event's data carries (`seal`, `sealedAt`) against its id and fields. */
export function checkSeal(
  kind: SealedEventKind,
  id: string | undefined,
  data: Record<string, unknown>,
  now = Date.now(),
): SealCheck {
  const { seal, sealedAt } = data;
  if (!id || typeof seal !== 'string' || !seal || typeof sealedAt !== 'number')
    return { ok: false, reason: 'the message is not sealed' };
  const expected = Buffer.from(sealOf(kind, id, data, sealedAt), 'hex');
  const given = Buffer.from(seal, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the seal does not match the message' };
  if (now - sealedAt > SEAL_LIFETIME_MS || sealedAt - now > 60_000)
    return { ok: false, reason: 'the seal is out of date' };
  return { ok: true };
}

/**
 * Seals each event of a sealed kind as it is sent (`inngest.send` and `step.sendEvent` both pass
 * here), giving it an id first if it has none.
 */
export class SealMiddleware extends Middleware.BaseMiddleware {
  readonly id = 'inkwell-seal';

  override transformSendEvent(
    args: Middleware.TransformSendEventArgs,
  ): Middleware.TransformSendEventArgs {
    const sealedAt = Date.now();
    return {
      ...args,
      events: args.events.map((event) => {
        const kind = sealedKindOf(event.name);
        if (!kind) return event;
        const id = event.id ?? `${kind.idPrefix}:${randomUUID()}`;
        const data = { ...(event.data as Record<string, unknown> | undefined) };
        return {
          ...event,
          id,
          data: { ...data, sealedAt, seal: sealOf(kind, id, data, sealedAt) },
        };
      }),
    };
  }
}
