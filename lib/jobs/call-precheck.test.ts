import { describe, expect, it } from 'vitest';
import { jsonDepth, precheckBody, precheckSignatureHeader } from './call-precheck';
import { jobsSigningKey, signedBody } from './signing';

const fresh = (now = Date.now()) => `t=${Math.floor(now / 1000)}&s=${'0'.repeat(64)}`;

describe('calls to /api/inngest are checked before the SDK parses them', () => {
  it('refuses a missing, malformed or stale signature before the body is read', () => {
    for (const mode of ['in-process', 'inngest-cloud'] as const) {
      expect(precheckSignatureHeader(null, mode).ok).toBe(false);
      expect(precheckSignatureHeader('t=abc&s=00', mode).ok).toBe(false);
      expect(precheckSignatureHeader(fresh(Date.now() - 10 * 60_000), mode).ok).toBe(false);
      expect(precheckSignatureHeader(fresh(Date.now() + 10 * 60_000), mode).ok).toBe(false);
      expect(precheckSignatureHeader(fresh(), mode).ok).toBe(true);
    }
    // The dev server signs nothing.
    expect(precheckSignatureHeader(null, 'inngest-dev').ok).toBe(true);
  });

  it('in-process, refuses a body whose signature does not match it as sent, unparsed', () => {
    const key = jobsSigningKey() as string;
    const { text, signature } = signedBody({ event: { name: 'x' } }, key);
    expect(precheckBody(signature, text, 'in-process')).toEqual({ ok: true });
    expect(precheckBody(signature, `${text} `, 'in-process').ok).toBe(false);
    const hostile = '['.repeat(30_000) + ']'.repeat(30_000);
    expect(precheckBody(fresh(), hostile, 'in-process')).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses JSON nested deeper than any call of Inngest’s', () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    expect(precheckBody(fresh(), deep, 'inngest-cloud')).toMatchObject({ ok: false, status: 400 });
    expect(precheckBody(fresh(), '{"a":[{"b":1}]}', 'inngest-cloud')).toEqual({ ok: true });
  });

  it('measures nesting in one pass, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[1,[2]]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
    expect(jsonDepth('[]')).toBe(1);
  });
});
