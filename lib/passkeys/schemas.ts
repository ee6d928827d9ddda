import { z } from 'zod';
import { authenticationResponseSchema, registrationResponseSchema } from './credential-schemas';

const NAME_IT = 'Give the passkey a name you will recognise, up to 60 characters.';

export const passkeyNameSchema = z
  .string({ error: NAME_IT })
  .trim()
  .min(1, NAME_IT)
  .max(60, NAME_IT)
  // Letters, marks, digits, punctuation and spaces: no control or invisible characters.
  .regex(/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$/u, NAME_IT);

/** "Add a passkey", first half: the name is checked before the authenticator is asked. */
export const startAddingPasskeySchema = z.object({ name: passkeyNameSchema });

export const addPasskeySchema = z.object({
  name: passkeyNameSchema,
  response: registrationResponseSchema,
});

export const removePasskeySchema = z.object({
  id: z.string({ error: 'Unknown passkey.' }).regex(/^[a-f0-9]{24}$/, 'Unknown passkey.'),
});

/** A recovery code as a person types it: case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string({ error: 'Enter one of your recovery codes.' })
  .trim()
  .min(1, 'Enter one of your recovery codes.')
  .max(40, 'That is not a recovery code.')
  .transform((code) => code.toLowerCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[a-z2-9]{10}$/, 'That is not a recovery code.'));

/** A passkey's answer to a sign-in challenge, as the browser sends it. */
export const passkeyAnswerSchema = z.object({ response: authenticationResponseSchema });
