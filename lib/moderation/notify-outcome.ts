import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { createNotification } from '@/lib/notifications/create-notification';
import { ModerationCaseModel, ReportModel, type CaseOutcome } from './models';

/** Reporters told per step of the job. */
export const REPORTERS_BATCH = 200;

/** The case is handled as the event says (the job re-checks MongoDB before it tells anyone). */
export async function caseAsAnnounced(
  caseId: string,
  round: number,
  action: CaseOutcome,
): Promise<{ authorId: string } | null> {
  if (!Types.ObjectId.isValid(caseId)) return null;
  await connectDb();
  const found = await ModerationCaseModel.findById(caseId, {
    authorId: 1,
    round: 1,
    outcome: 1,
  }).lean();
  if (!found || found.round !== round || found.outcome?.action !== action) return null;
  return { authorId: found.authorId.toString() };
}

/** Tells the item's author what was decided about it (once per decision: keyed). */
export async function tellAuthor(
  caseId: string,
  round: number,
  action: CaseOutcome,
  authorId: string,
): Promise<void> {
  if (action !== 'hide' && action !== 'restore' && action !== 'keep-hidden') return;
  await createNotification({
    userId: authorId,
    kind: 'moderation',
    // Nobody's doing but the moderators', who stay unnamed: the person themselves stands in.
    actorId: authorId,
    subjectId: caseId,
    key: `moderation:${caseId}:${round}:${action}`,
    createdAt: new Date(),
  });
}

/** The next reporters of a round (by report id, after `after`). */
export async function reportersOf(
  caseId: string,
  round: number,
  after: string | null,
): Promise<{ reportId: string; reporterId: string }[]> {
  await connectDb();
  const rows = await ReportModel.find(
    {
      caseId: new Types.ObjectId(caseId),
      round,
      ...(after ? { _id: { $gt: new Types.ObjectId(after) } } : {}),
    },
    { reporterId: 1 },
  )
    .sort({ _id: 1 })
    .limit(REPORTERS_BATCH)
    .lean();
  return rows.map((row) => ({
    reportId: row._id.toString(),
    reporterId: row.reporterId.toString(),
  }));
}

/** Tells each reporter their report was handled: one notification per report, whatever reruns. */
export async function tellReporters(
  caseId: string,
  reports: { reportId: string; reporterId: string }[],
): Promise<void> {
  for (const report of reports) {
    await createNotification({
      userId: report.reporterId,
      kind: 'report-handled',
      actorId: report.reporterId,
      subjectId: caseId,
      key: `report-handled:${report.reportId}`,
      createdAt: new Date(),
    });
  }
}
