import { createHmac, randomInt } from 'node:crypto';
import { env } from '@/lib/config/env';
import { connectDb } from '@/lib/db/connection';
import { RECOVERY_CODE_COUNT } from './cache';
import { RecoveryCodeModel } from './models';

// No 0/o, 1/l/i: a code copied by hand reads one way. 31 characters, 10 of them: ~49 random bits.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newCode(): string {
  let code = '';
  for (let index = 0; index < 10; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * What is stored of a code: an HMAC keyed with AUTH_SECRET and bound to its owner, so a copy of
 * the database reveals no code, and one person's code is nobody else's.
 */
export function recoveryCodeDigest(userId: string, normalizedCode: string): string {
  return createHmac('sha256', env().AUTH_SECRET)
    .update(`inkwell recovery code v1\0${userId}\0${normalizedCode}`)
    .digest('base64url');
}

/** Shown to the person as `abcde-fghij`; typed back in any case, with or without the dash. */
function display(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * Replaces a person's recovery codes with ten fresh ones and returns them, the only time they
 * are ever shown: only their digests are kept, and each works once.
 */
export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  await connectDb();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await RecoveryCodeModel.deleteMany({ userId });
  const createdAt = new Date();
  await RecoveryCodeModel.insertMany(
    codes.map((code) => ({ userId, digest: recoveryCodeDigest(userId, code), createdAt })),
  );
  return codes.map(display);
}
