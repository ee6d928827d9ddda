import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { endOtherSessions } from '@/lib/sessions/session-store';
import { UserModel } from '@/lib/users/user-model';

/** The lengths a moderator may choose, in days. */
export const SUSPENSION_DAYS = [1, 3, 7, 30, 365] as const;

/**
 * Suspends a person until `until`: written first, so any sign-in from then on is refused
 * (lib/auth reads it at every sign-in), then every session they have ends, so they are signed out
 * everywhere and can post nothing. A later suspension replaces an earlier one.
 */
export async function suspendUser(userId: string, until: Date): Promise<boolean> {
  if (!Types.ObjectId.isValid(userId)) return false;
  await connectDb();
  const updated = await UserModel.updateOne(
    { _id: new Types.ObjectId(userId) },
    { $set: { suspendedUntil: until } },
  );
  if (updated.matchedCount === 0) return false;
  await endOtherSessions(userId);
  return true;
}
