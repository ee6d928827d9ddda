import { connectDb } from '@/lib/db/connection';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { emailSchema } from './schemas';
import { UserModel } from './user-model';

export interface VerifiedUser {
  id: string;
  username: string;
  email: string;
}

/**
 * Checks an email-or-username and password. Returns null for any failure, after the same work
 * whether or not the account exists, so nothing tells the two apart.
 */
export async function verifyCredentials(
  identifier: string,
  password: string,
): Promise<VerifiedUser | null> {
  await connectDb();
  const trimmed = identifier.trim();
  const asEmail = emailSchema.safeParse(trimmed);
  const user = await UserModel.findOne(
    asEmail.success ? { email: asEmail.data } : { usernameKey: trimmed.toLowerCase() },
    { passwordHash: 1, username: 1, email: 1 },
  ).lean();
  if (!user?.passwordHash) return verifyAgainstNothing(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user._id.toString(), username: user.username, email: user.email };
}
