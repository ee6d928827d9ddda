import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { fail, ok, type Result } from '@/lib/validation/result';
import { recordAudit } from './audit';

/**
 * Lifts a person's suspension early (`npm run admin -- unsuspend <username>`): they may sign in
 * again at once. It ends nothing (a suspended person has no session left) and is written in the
 * audit log like a role change.
 */
export async function unsuspendUser(
  actor: { id: string | null; label: string },
  username: string,
  reason: string,
): Promise<Result<{ username: string }>> {
  await connectDb();
  const user = await UserModel.findOne(
    { usernameKey: username.trim().toLowerCase(), deletedAt: null },
    { username: 1, suspendedUntil: 1 },
  ).lean();
  if (!user) return fail('not-found', 'There is no such person on Inkwell.');
  if (!user.suspendedUntil || user.suspendedUntil.getTime() <= Date.now())
    return fail('conflict', `${user.username} is not suspended.`);
  await UserModel.updateOne({ _id: user._id }, { $set: { suspendedUntil: null } });
  await recordAudit({
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'unsuspend',
    targetKind: 'user',
    targetId: user._id.toString(),
    subjectId: user._id.toString(),
    reason,
  });
  return ok({ username: user.username });
}
