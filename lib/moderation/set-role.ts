import 'server-only';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { UserModel, type Role } from '@/lib/users/user-model';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { recordAudit } from './audit';
import { requireAdmin } from './roles';

export const moderatorChangeSchema = z.object({
  username: z
    .string({ error: 'Say whose role to change.' })
    .trim()
    .min(1, 'Say whose role to change.')
    .max(30),
  action: z.enum(['grant', 'revoke'], { error: 'Unknown action.' }),
  reason: z
    .string({ error: 'Say why.' })
    .trim()
    .min(3, 'Say why, in a few words (at least 3 characters).')
    .max(500, 'The reason can be at most 500 characters.'),
});

/**
 * Gives `role` to a person, or takes it back (to member), and writes it in the audit log. The
 * admins' page names moderators through `changeModerator`; admins are named on the command line
 * (`npm run admin -- grant admin <username>`), whose actor is `cli`.
 */
export async function setRole(
  actor: { id: string | null; label: string },
  username: string,
  role: Exclude<Role, 'member'>,
  action: 'grant' | 'revoke',
  reason: string,
): Promise<Result<{ username: string; role: Role }>> {
  await connectDb();
  const user = await UserModel.findOne(
    { usernameKey: username.trim().toLowerCase(), deletedAt: null },
    { role: 1, username: 1 },
  ).lean();
  if (!user) return fail('not-found', 'There is no such person on Inkwell.');
  const current = user.role ?? 'member';
  if (action === 'grant' && current === 'admin' && role === 'moderator')
    return fail('conflict', `${user.username} is an admin already (admins moderate too).`);
  if (action === 'revoke' && current !== role)
    return fail(
      'conflict',
      `${user.username} is not ${role === 'admin' ? 'an admin' : 'a moderator'}.`,
    );
  const next: Role = action === 'grant' ? role : 'member';
  if (next !== current) {
    await UserModel.updateOne({ _id: user._id }, { $set: { role: next } });
    await recordAudit({
      actorId: actor.id,
      actorLabel: actor.label,
      action: `${action}-${role}`,
      targetKind: 'user',
      targetId: user._id.toString(),
      subjectId: user._id.toString(),
      reason,
    });
  }
  return ok({ username: user.username, role: next });
}

/** The admins' page: grant or revoke the moderator role ({ username, action, reason }). */
export async function changeModerator(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ username: string; role: Role }>> {
  const refused = await requireAdmin(viewer);
  if (refused) return refused;
  const parsed = parseInput(moderatorChangeSchema, input);
  if (!parsed.ok) return parsed;
  const { username, action, reason } = parsed.value;
  return setRole(
    { id: viewer.user.id, label: viewer.user.username },
    username,
    'moderator',
    action,
    reason,
  );
}
