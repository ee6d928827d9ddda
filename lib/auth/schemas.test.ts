import { describe, expect, it } from 'vitest';
import { signInSchema } from './schemas';

describe('sign-in validation', () => {
  it('refuses wrong types without throwing', () => {
    expect(signInSchema.safeParse({ identifier: { $ne: null }, password: 'x' }).success).toBe(
      false,
    );
  });
});
