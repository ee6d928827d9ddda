import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { AuditEntryModel, type ModerationAction, type TargetKind } from './models';

/**
 * Writes one audit entry (who, what, when, why). Called after the action took effect; an entry is
 * never changed or removed by the app.
 */
export async function recordAudit(entry: {
  actorId: string | null;
  actorLabel: string;
  action: ModerationAction;
  targetKind: TargetKind | 'user';
  targetId: string;
  subjectId: string;
  caseId?: string | null;
  reason: string;
  until?: Date | null;
}): Promise<void> {
  await connectDb();
  await AuditEntryModel.create({
    actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : null,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: new Types.ObjectId(entry.targetId),
    subjectId: new Types.ObjectId(entry.subjectId),
    caseId: entry.caseId ? new Types.ObjectId(entry.caseId) : null,
    reason: entry.reason,
    until: entry.until ?? null,
    at: new Date(),
  });
}
