import 'server-only';
import { Types } from 'mongoose';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, type Failure } from '@/lib/validation/result';
import { ReportModel, type CaseOutcome, type ModerationCase } from './models';
import { roleOf, type Role } from './roles';

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

/** What a moderator or admin is told when the case's person ranks as high as they do. */
/** What a moderator who reported the item in this round is told. */
export const YOU_REPORTED = 'You reported this: another moderator must decide it.';
/** What the moderator who hid the item is told about its appeal. */
export const YOU_HID = 'You hid this: another moderator must decide the appeal.';

export const OUTRANKED: Record<'moderator' | 'admin', string> = {
  moderator: 'Only an admin can hide what a moderator wrote or suspend a moderator.',
  admin: 'Nobody can hide what an admin wrote or suspend an admin here.',
};

/**
 * Whether `viewer` (a moderator or an admin) may take `action` on the case, or why not (403):
 * never on reports about themselves, nor on an item they reported in this round (its appeal
 * included), nor on the appeal of a hiding they decided: nobody judges their own complaint or
 * reviews their own decision. Hide and Suspend only on someone of a lower role
 * (moderators on members, admins on members and moderators, nobody on admins), so a moderator
 * cannot silence another moderator or an admin, whom nothing in the app could then restore.
 */
export async function mayDecide(
  viewer: SignedIn,
  current: ModerationCase,
  action: CaseOutcome,
): Promise<Failure | null> {
  if (current.authorId.equals(viewer.user.id))
    return fail('forbidden', 'Another moderator must handle reports about you.');
  if (current.status === 'appealed' && current.outcome?.moderatorId.equals(viewer.user.id))
    return fail('forbidden', YOU_HID);
  const reported = await ReportModel.exists({
    caseId: current._id,
    round: current.round,
    reporterId: new Types.ObjectId(viewer.user.id),
  });
  if (reported) return fail('forbidden', YOU_REPORTED);
  if (action === 'hide' || action === 'suspend') {
    const [actor, target] = await Promise.all([
      roleOf(viewer.user.id),
      roleOf(current.authorId.toString()),
    ]);
    if (target !== 'member' && RANK[target] >= RANK[actor])
      return fail('forbidden', OUTRANKED[target]);
  }
  return null;
}
