import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { invalidateUser } from '@/lib/profiles/cache';
import { ok, type Result } from '@/lib/validation/result';
import { hashPassword } from './passwords';
import type { SignUpInput } from './schemas';
import { UserModel } from './user-model';

export interface CreatedAccount {
  userId: string;
  username: string;
}

/** Creates an account from validated sign-up input; the unique indexes decide races. */
export async function createAccount({
  email,
  username,
  password,
}: SignUpInput): Promise<Result<CreatedAccount>> {
  await connectDb();
  try {
    const user = await UserModel.create({
      email,
      username,
      usernameKey: username.toLowerCase(),
      passwordHash: await hashPassword(password),
      displayName: username,
    });
    // A cached "no such user" from an earlier visit to /u/<name> must not outlive the sign-up.
    await invalidateUser(user._id.toString(), user.usernameKey).catch(() => undefined);
    return ok({ userId: user._id.toString(), username: user.username });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // FerretDB does not say which unique index refused the insert (MongoDB does): ask.
    const field = (await UserModel.exists({ usernameKey: username.toLowerCase() }))
      ? 'usernameKey'
      : 'email';
    if (field === 'usernameKey') {
      return {
        ok: false,
        status: 409,
        fieldErrors: { username: 'This username is taken. Choose another.' },
      };
    }
    return {
      ok: false,
      status: 409,
      fieldErrors: {
        email: 'This email cannot be used for a new account. If it is yours, sign in instead.',
      },
    };
  }
}
