import { describe, expect, it } from 'vitest';
import { fail, failFields } from '@/lib/validation/result';
import { httpStatusOf } from './failure-status';
import { failureResponse } from './responses';

describe('failure codes as HTTP statuses', () => {
  it('keeps the statuses the routes have always answered with', () => {
    expect(
      (
        [
          'malformed',
          'unauthorized',
          'forbidden',
          'not-found',
          'conflict',
          'gone',
          'too-large',
          'invalid',
          'rate-limited',
          'internal',
          'unavailable',
        ] as const
      ).map(httpStatusOf),
    ).toEqual([400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 503]);
  });

  it('answers with the failure itself, its code included, and says when to retry', async () => {
    const limited = failureResponse(fail('rate-limited', 'Slow down.', { retryAfterSeconds: 7 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('7');
    expect(await limited.json()).toEqual({
      ok: false,
      code: 'rate-limited',
      formError: 'Slow down.',
      retryAfterSeconds: 7,
    });
    const invalid = failureResponse(failFields({ body: 'Write something.' }));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('Retry-After')).toBeNull();
  });
});
