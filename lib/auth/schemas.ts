import { z } from 'zod';
import { PASSWORD_MAX } from '@/lib/users/schemas';

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
