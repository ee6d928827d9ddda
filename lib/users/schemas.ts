import { z } from 'zod';

/**
 * What a user's email address, username and password may be: the same rules wherever an account is
 * made (sign-up, an OAuth sign-in) or named (sign-in).
 */

/** Names that would shadow pages or mislead readers. */
const RESERVED_USERNAMES = new Set([
  'admin',
  'administrator',
  'api',
  'auth',
  'friends',
  'help',
  'inkwell',
  'me',
  'moderator',
  'notifications',
  'root',
  'settings',
  'signin',
  'signout',
  'signup',
  'support',
  'system',
  'u',
  'write',
]);

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'Email addresses are at most 254 characters.')
  .pipe(z.email({ error: 'Enter an email address like name@example.com.' }));

export const usernameSchema = z
  .string({ error: 'Choose a username.' })
  .trim()
  .min(1, 'Choose a username.')
  .regex(/^[A-Za-z0-9_]{3,30}$/, 'Use 3 to 30 letters, digits or underscores.')
  .refine(
    (name) => !RESERVED_USERNAMES.has(name.toLowerCase()),
    'This username is reserved. Choose another.',
  );

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
