import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';

export interface AccountEmail {
  email: string;
  /** False for an account made with GitHub or Google that never set a password. */
  hasPassword: boolean;
}

/**
 * The account's own e-mail address, for its settings page only: the cached user object that
 * other pages read never holds it.
 */
export async function readAccountEmail(userId: string): Promise<AccountEmail | null> {
  await connectDb();
  const user = await UserModel.findById(userId, { email: 1, passwordHash: 1 }).lean();
  return user ? { email: user.email, hasPassword: Boolean(user.passwordHash) } : null;
}
