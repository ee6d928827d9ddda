import { createHmac, randomBytes } from 'node:crypto';
import { globalSingleton } from '@/lib/util/global-singleton';

/**
 * Inngest's request signing, as the SDK's `serve()` handler verifies it (inngest 4.x,
 * `RequestSignature` in components/InngestCommHandler.js and `signDataWithKey` in helpers/net.js):
 *
 *   X-Inngest-Signature: t=<unix seconds>&s=<hex HMAC-SHA256(key, canonical(body) + t)>
 *
 * where `key` is the signing key without its `signkey-<env>-` prefix, used as UTF-8 text (not
 * hex-decoded), and `canonical(body)` is the JSON body parsed and re-serialised with sorted keys
 * (the `canonicalize` package, RFC 8785 style). A signature older or newer than 5 minutes is
 * refused as expired.
 */
export const SIGNATURE_HEADER = 'x-inngest-signature';

const KEY_PREFIX = /^signkey-[\w]+-/;

/**
 * JSON with object keys sorted, as the SDK canonicalises a parsed body before checking it. For
 * JSON data (what `JSON.parse` returns): `signedBody` round-trips its input through JSON first.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${fields.join(',')}}`;
}

/** The hex HMAC the SDK computes for `canonicalBody` signed at `timestamp` (unix seconds). */
export function signatureFor(canonicalBody: string, signingKey: string, timestamp: number): string {
  return createHmac('sha256', Buffer.from(signingKey.replace(KEY_PREFIX, ''), 'utf8'))
    .update(canonicalBody + String(timestamp))
    .digest('hex');
}

/**
 * A body ready to POST to `serve()`: its canonical JSON text and the signature header value.
 * The body sent is the canonical text itself, so what is signed is exactly what is sent.
 */
export function signedBody(
  body: unknown,
  signingKey: string,
  now = Date.now(),
): { text: string; signature: string } {
  const text = canonicalJson(JSON.parse(JSON.stringify(body)));
  const timestamp = Math.floor(now / 1000);
  return { text, signature: `t=${timestamp}&s=${signatureFor(text, signingKey, timestamp)}` };
}

const localKey = globalSingleton('jobsLocalSigningKey', () => ({
  value: `signkey-local-${randomBytes(32).toString('hex')}`,
}));

/**
 * The key `/api/inngest` verifies and the in-process executor signs with: INNGEST_SIGNING_KEY,
 * the same on every instance of a deployment. Production must set it (lib/config/env.ts refuses
 * to start without it); elsewhere a process without one (`next dev`, a test run alone) gets a
 * random key of its own, so the endpoint is never left open. Read from the environment, not from
 * `env()`: the Inngest client is created when modules load, also at build time.
 */
export function jobsSigningKey(
  source: Record<string, string | undefined> = process.env,
): string | undefined {
  const configured = source.INNGEST_SIGNING_KEY?.trim();
  if (configured) return configured;
  if (source.NODE_ENV === 'production') return undefined;
  return localKey.value;
}
