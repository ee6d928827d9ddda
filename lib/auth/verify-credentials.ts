import { connectDb } from '@/lib/db/connection';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { emailSchema } from '@/lib/users/schemas';
import { UserModel } from '@/lib/users/user-model';

export interface VerifiedUser {
  id: string;
  username: string;
  email: string;
}

/** An account that can sign in with a password, as found by its email or username. */
export interface PasswordAccount extends VerifiedUser {
  passwordHash: string;
}

/** The account an email-or-username names, if it has a password. */
export async function findPasswordAccount(identifier: string): Promise<PasswordAccount | null> {
  await connectDb();
  const trimmed = identifier.trim();
  const asEmail = emailSchema.safeParse(trimmed);
  const user = await UserModel.findOne(
    asEmail.success ? { email: asEmail.data } : { usernameKey: trimmed.toLowerCase() },
    { passwordHash: 1, username: 1, email: 1, deletedAt: 1 },
  ).lean();
  // An account being deleted signs in no more, password or not.
  if (!user?.passwordHash || user.deletedAt) return null;
  return {
    id: user._id.toString(),
    username: user.username,
    email: user.email,
    passwordHash: user.passwordHash,
  };
}

/**
 * Checks a password against the account found (or against nothing, with the same work, when there
 * is none), so nothing tells a missing account from a wrong password.
 */
export async function checkPassword(
  account: PasswordAccount | null,
  password: string,
): Promise<VerifiedUser | null> {
  if (!account) return verifyAgainstNothing(password).then(() => null);
  if (!(await verifyPassword(account.passwordHash, password))) return null;
  return { id: account.id, username: account.username, email: account.email };
}

/**
 * Checks an email-or-username and password, without any rate limit: sign-in goes through
 * lib/auth/authenticate-password.ts, which limits attempts and then calls the two steps above.
 */
export async function verifyCredentials(
  identifier: string,
  password: string,
): Promise<VerifiedUser | null> {
  return checkPassword(await findPasswordAccount(identifier), password);
}
