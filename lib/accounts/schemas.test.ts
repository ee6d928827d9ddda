import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '@/lib/validation/result';
import { isCommonPassword } from './common-passwords';
import { signUpSchema } from './schemas';

function errorsOf(input: unknown) {
  const parsed = signUpSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error);
}

describe('sign-up validation', () => {
  it('normalises the email and keeps the username as typed', () => {
    const parsed = signUpSchema.parse({
      email: '  Ada@Example.COM ',
      username: 'Ada_L',
      password: 'analytical-engine',
    });
    expect(parsed.email).toBe('ada@example.com');
    expect(parsed.username).toBe('Ada_L');
  });

  it.each([
    ['ab', 'Use 3 to 30 letters, digits or underscores.'],
    ['a'.repeat(31), 'Use 3 to 30 letters, digits or underscores.'],
    ['ada lovelace', 'Use 3 to 30 letters, digits or underscores.'],
    ['ada-l', 'Use 3 to 30 letters, digits or underscores.'],
    ['ädä', 'Use 3 to 30 letters, digits or underscores.'],
    ['Settings', 'This username is reserved. Choose another.'],
  ])('refuses the username %j', (username, message) => {
    expect(errorsOf({ email: 'a@b.co', username, password: 'analytical-engine' }).username).toBe(
      message,
    );
  });

  it('gives one message per bad field', () => {
    expect(errorsOf({ email: 'not-an-email', username: '', password: 'short' })).toEqual({
      email: 'Enter an email address like name@example.com.',
      username: 'Choose a username.',
      password: 'Use at least 8 characters.',
    });
  });

  it('refuses common passwords and passwords equal to the username or email', () => {
    expect(isCommonPassword('password1')).toBe(true);
    expect(isCommonPassword('PASSWORD1')).toBe(true);
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('analytical-engine-1843')).toBe(false);
    expect(
      errorsOf({ email: 'a@b.co', username: 'ada_l', password: 'qwertyuiop' }).password,
    ).toMatch(/too common/);
    expect(
      errorsOf({ email: 'a@b.co', username: 'lovelace1815', password: 'LoveLace1815' }).password,
    ).toMatch(/differ from your username/);
    expect(
      errorsOf({ email: 'a@b.co', username: 'ada_l', password: 'x'.repeat(129) }).password,
    ).toBe('Use at most 128 characters.');
  });

  it('refuses wrong types without throwing', () => {
    expect(errorsOf({ email: 42, username: ['x'], password: null })).toEqual({
      email: 'Enter your email address.',
      username: 'Choose a username.',
      password: 'Choose a password.',
    });
  });
});
