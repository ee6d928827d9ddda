import { z } from 'zod';
import { emailSchema, PASSWORD_MAX, PASSWORD_MIN, usernameSchema } from '@/lib/users/schemas';
import { BEARER_TOKEN } from '@/lib/util/bearer-token';
import { isCommonPassword } from './common-passwords';

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

const INCOMPLETE_LINK = 'This link is incomplete. Open the link from the email again.';

/** The token of a link from an e-mail (its shape only: the link's record decides the rest). */
export const linkTokenSchema = z
  .string({ error: INCOMPLETE_LINK })
  .regex(BEARER_TOKEN, INCOMPLETE_LINK);

export const passwordResetRequestSchema = z.object({ email: emailSchema });

/** "Resend confirmation link": the address (or the username) the sign-up was made with. */
export const resendSignUpLinkSchema = z.object({
  identifier: z
    .string({ error: 'Enter your email or username.' })
    .trim()
    .min(1, 'Enter your email or username.')
    .max(254, 'Enter your email or username.'),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const setPasswordSchema = z.object({
  token: linkTokenSchema,
  newPassword: newPasswordSchema,
});

export const emailChangeSchema = z.object({
  newEmail: emailSchema,
  /** Absent for an account without a password (made with GitHub or Google). */
  currentPassword: z
    .string({ error: 'Enter your current password.' })
    .max(PASSWORD_MAX, 'This is not your current password.')
    .optional(),
});

export const emailChangeConfirmSchema = z.object({ token: linkTokenSchema });
export const changeUsernameSchema = z.object({ username: usernameSchema });
export type ChangeUsernameInput = z.infer<typeof changeUsernameSchema>;
