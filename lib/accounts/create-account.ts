import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { announceEvents } from '@/lib/jobs/event-intent';
import { isDuplicateKey } from '@/lib/db/errors';
import { invalidateUser } from '@/lib/users/cache';
import { profileChanged } from '@/lib/users/events';
import { failFields, ok, type Result } from '@/lib/validation/result';
import { hashPassword } from '@/lib/auth/passwords';
import type { SignUpInput } from './schemas';
import { UserModel } from '@/lib/users/user-model';
import { endRedirectOf, USERNAME_HELD, usernameHoldFor } from '@/lib/users/username-holds';
import { withUsernameClaim } from './username-claim';

export const USERNAME_TAKEN = 'This username is taken. Choose another.';

export interface CreatedAccount {
  userId: string;
  username: string;
}

/** Validated sign-up input, with the password itself or already hashed (a confirmed sign-up). */
export type NewAccount = Omit<SignUpInput, 'password'> &
  ({ password: string } | { passwordHash: string });

/**
 * Creates an account; the unique indexes decide races. A name someone renamed away from is held
 * for them (lib/users/username-holds.ts), checked under the name's claim lock.
 */
export async function createAccount(account: NewAccount): Promise<Result<CreatedAccount>> {
  await connectDb();
  const usernameKey = account.username.toLowerCase();
  return withUsernameClaim([usernameKey], async () => {
    const hold = await usernameHoldFor(usernameKey, null);
    if (hold === 'held') return failFields({ username: USERNAME_HELD }, 'conflict');
    const created = await insertAccount(account);
    if (created.ok && hold === 'redirect') await endRedirectOf(usernameKey);
    return created;
  });
}

async function insertAccount(account: NewAccount): Promise<Result<CreatedAccount>> {
  const { email, username } = account;
  // The new person becomes findable by search once they exist (user/profile-changed).
  const userId = new Types.ObjectId();
  const intent = await announceEvents(profileChanged.create({ userId: userId.toString() }));
  try {
    const user = await UserModel.create({
      _id: userId,
      email,
      username,
      usernameKey: username.toLowerCase(),
      passwordHash:
        'passwordHash' in account ? account.passwordHash : await hashPassword(account.password),
      displayName: username,
    });
    // A cached "no such user" from an earlier visit to /u/<name> must not outlive the sign-up.
    await invalidateUser(user._id.toString(), user.usernameKey).catch(() => undefined);
    await intent.confirm();
    return ok({ userId: user._id.toString(), username: user.username });
  } catch (error) {
    await intent.cancel();
    if (!isDuplicateKey(error)) throw error;
    // FerretDB does not say which unique index refused the insert (MongoDB does): ask.
    const field = (await UserModel.exists({ usernameKey: username.toLowerCase() }))
      ? 'usernameKey'
      : 'email';
    if (field === 'usernameKey') {
      return failFields({ username: USERNAME_TAKEN }, 'conflict');
    }
    return failFields(
      {
        email: 'This email cannot be used for a new account. If it is yours, sign in instead.',
      },
      'conflict',
    );
  }
}
