import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { describeTarget, type TargetContent } from './describe-target';
import { ModerationCaseModel, type CaseOutcome } from './models';

export interface ModerationNotice {
  caseId: string;
  content: TargetContent;
  action: CaseOutcome;
  reason: string;
  at: string;
  hidden: boolean;
  /** The author may still appeal (a hiding, not yet appealed). */
  canAppeal: boolean;
  appeal: { text: string; at: string } | null;
  appealPending: boolean;
}

/**
 * What the moderators decided about one of the viewer's items, for them alone (anyone else gets
 * null: the page is a 404): what, why, when, and whether they may still appeal.
 */
export async function readNotice(
  viewerId: string,
  caseId: string,
): Promise<ModerationNotice | null> {
  if (!Types.ObjectId.isValid(caseId)) return null;
  await connectDb();
  const found = await ModerationCaseModel.findById(caseId).lean();
  if (!found || !found.authorId.equals(viewerId) || !found.outcome) return null;
  return {
    caseId,
    content: await describeTarget(found.targetKind, found.targetId),
    action: found.outcome.action,
    reason: found.outcome.reason,
    at: found.outcome.at.toISOString(),
    hidden: found.hidden,
    canAppeal: found.hidden && found.status === 'handled' && !found.appeal,
    appeal: found.appeal ? { text: found.appeal.text, at: found.appeal.at.toISOString() } : null,
    appealPending: found.status === 'appealed',
  };
}
