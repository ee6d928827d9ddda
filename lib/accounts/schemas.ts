import { z } from 'zod';
import { isCommonPassword } from '@/lib/auth/passwords';

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

export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine(
    (password) => !isCommonPassword(password),
    'This password is too common. Choose one that is harder to guess.',
  );

export const signUpSchema = z
  .object({ email: emailSchema, username: usernameSchema, password: newPasswordSchema })
  .superRefine((input, ctx) => {
    const lower = input.password.toLowerCase();
    if (lower === input.username.toLowerCase() || lower === input.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'Your password must differ from your username and email.',
      });
    }
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  identifier: z
    .string({ error: 'Enter your email or username.' })
    .trim()
    .min(1, 'Enter your email or username.')
    .max(254, 'Enter your email or username.'),
  password: z
    .string({ error: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(PASSWORD_MAX, 'Enter your password.'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Enter your current password.' })
      .min(1, 'Enter your current password.')
      .max(PASSWORD_MAX),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from your current one.',
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
