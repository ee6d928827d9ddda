import { afterAll, describe, expect, it } from 'vitest';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { enforceRateLimits, hitRateLimit, RATE_LIMITS } from './rate-limit';

afterAll(async () => {
  await deleteTestRedisKeys();
});

const policy = { name: 'test', limit: 3, windowSeconds: 60 };

describe('rate limits', () => {
  it('allows the limit within a window, then refuses with the time to wait', async () => {
    const decisions = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      decisions.push(await hitRateLimit(policy, '198.51.100.1'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[3]?.retryAfterSeconds).toBeGreaterThan(55);
    expect(decisions[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hitRateLimit(policy, '198.51.100.2')).allowed).toBe(true);
  });

  it('counts subjects without regard to case, so one account is one subject', async () => {
    await hitRateLimit(policy, 'Ada@Example.com');
    await hitRateLimit(policy, 'ada@example.com');
    await hitRateLimit(policy, 'ADA@EXAMPLE.COM');
    expect((await hitRateLimit(policy, 'ada@example.COM')).allowed).toBe(false);
  });

  it('is atomic under concurrency', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => hitRateLimit(policy, 'burst')),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
  });

  it('answers a blocked action with 429, a message and Retry-After seconds', async () => {
    const subject = 'signin-target';
    for (let attempt = 0; attempt < RATE_LIMITS.signInPerAccount.limit; attempt += 1) {
      expect(
        await enforceRateLimits([[RATE_LIMITS.signInPerAccount, subject]], 'sign-in attempts'),
      ).toBeNull();
    }
    const blocked = await enforceRateLimits(
      [[RATE_LIMITS.signInPerAccount, subject]],
      'sign-in attempts',
    );
    expect(blocked).toMatchObject({
      ok: false,
      code: 'rate-limited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(blocked?.formError).toMatch(
      /^Too many sign-in attempts\. Please wait \d+ minutes? and try again\.$/,
    );
  });
});
