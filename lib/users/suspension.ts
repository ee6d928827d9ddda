import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from './user-model';

/**
 * When the person's suspension ends, or null when they are not suspended now. Read from MongoDB
 * at every sign-in (never cached): a suspension applies at once on every instance.
 */
export async function suspendedUntil(userId: string, now = new Date()): Promise<Date | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  await connectDb();
  const user = await UserModel.findById(userId, { suspendedUntil: 1 }).lean();
  const until = user?.suspendedUntil ?? null;
  return until && until.getTime() > now.getTime() ? until : null;
}

/** What a suspended person is told when they try to sign in. */
export function suspendedMessage(until: Date): string {
  return `This account is suspended until ${until.toUTCString()}. You cannot sign in or post until then.`;
}
