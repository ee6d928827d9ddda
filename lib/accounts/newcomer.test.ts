import { describe, expect, it } from 'vitest';
import { isNewcomer } from './newcomer';

describe('greeting a newcomer', () => {
  const joined = Date.parse('2026-03-04T10:00:00Z');
  const joinedAt = new Date(joined).toISOString();

  it('greets the session begun at sign-up as new, on the day of joining', () => {
    expect(isNewcomer(joinedAt, true, joined + 60_000)).toBe(true);
    expect(isNewcomer(joinedAt, true, joined + 23 * 3_600_000)).toBe(true);
  });

  it('welcomes back any later sign-in, and the sign-up session after a day', () => {
    expect(isNewcomer(joinedAt, false, joined + 60_000)).toBe(false);
    expect(isNewcomer(joinedAt, true, joined + 25 * 3_600_000)).toBe(false);
  });
});
