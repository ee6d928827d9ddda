import { timingSafeEqual } from 'node:crypto';
import type { JobsMode } from '@/lib/config/env';
import { SIGNATURE_HEADER, jobsSigningKey, signatureFor } from './signing';

/**
 * Cheap checks of a call to /api/inngest before the SDK parses its body: the SDK parses and
 * re-serialises the whole body before it checks the signature, so a large or deeply nested
 * unsigned body would cost the event loop seconds. Refused here: a missing, malformed or stale
 * signature (401), with in-process jobs a signature that does not match the body as sent (the
 * executor signs the exact text; nothing legitimate comes over the network), and JSON nested
 * deeper than any call of Inngest's (400). The SDK still verifies everything that passes.
 */
const SIGNATURE = /^t=(\d{1,12})&s=([0-9a-f]{64})(?:&|$)/;
const MAX_SKEW_SECONDS = 5 * 60;
const MAX_JSON_DEPTH = 64;

export type PrecheckOutcome = { ok: true } | { ok: false; status: 400 | 401; message: string };

const UNAUTHORIZED: PrecheckOutcome = { ok: false, status: 401, message: 'Unauthorized' };

/** Before reading the body: is there a signature of the right shape and time? */
export function precheckSignatureHeader(
  header: string | null,
  mode: JobsMode,
  now = Date.now(),
): PrecheckOutcome {
  // The Inngest dev server signs nothing (and is refused in production).
  if (mode === 'inngest-dev') return { ok: true };
  const match = SIGNATURE.exec(header ?? '');
  if (!match) return UNAUTHORIZED;
  const skew = Math.abs(now / 1000 - Number(match[1]));
  return skew <= MAX_SKEW_SECONDS ? { ok: true } : UNAUTHORIZED;
}

/** After reading the body, before parsing it. */
export function precheckBody(header: string | null, text: string, mode: JobsMode): PrecheckOutcome {
  if (mode === 'in-process') {
    const match = SIGNATURE.exec(header ?? '');
    const key = jobsSigningKey();
    if (!match || !key) return UNAUTHORIZED;
    const expected = Buffer.from(signatureFor(text, key, Number(match[1])));
    const given = Buffer.from(match[2] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return UNAUTHORIZED;
  }
  return jsonDepth(text) <= MAX_JSON_DEPTH
    ? { ok: true }
    : { ok: false, status: 400, message: 'The request body is nested too deeply.' };
}

/** How deeply arrays and objects nest in a JSON text (one linear pass; strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \\ */) index += 1;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 93 /* ] */ || char === 125 /* } */) depth -= 1;
  }
  return deepest;
}

export { SIGNATURE_HEADER };
