import { z } from 'zod';
import { emailSchema, PASSWORD_MAX, PASSWORD_MIN, usernameSchema } from '@/lib/users/schemas';
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

export const changeUsernameSchema = z.object({ username: usernameSchema });
export type ChangeUsernameInput = z.infer<typeof changeUsernameSchema>;
