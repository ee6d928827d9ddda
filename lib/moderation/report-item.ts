import 'server-only';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import {
  ModerationCaseModel,
  REPORT_REASONS,
  ReportModel,
  TARGET_KINDS,
  type ModerationCase,
  type TargetKind,
} from './models';
import { findReportable } from './target';

/** "Other" says nothing by itself: the moderators need to know what is wrong. */
export const OTHER_NEEDS_A_NOTE =
  'You chose “Other”: say in the note what is wrong, so the moderators know what to look for.';

export const reportSchema = z
  .object({
    kind: z.enum(TARGET_KINDS, { error: 'Say what you are reporting.' }),
    id: z.string({ error: 'Say what you are reporting.' }).regex(/^[a-f0-9]{24}$/, 'Unknown item.'),
    reason: z.enum(REPORT_REASONS, { error: 'Choose a reason.' }),
    note: z
      .string()
      .trim()
      .max(1_000, 'The note can be at most 1,000 characters.')
      .optional()
      .default(''),
  })
  .refine((report) => report.reason !== 'other' || report.note.length > 0, {
    path: ['note'],
    message: OTHER_NEEDS_A_NOTE,
  });

const NOTES_KEPT = 10;

/**
 * "Report": one person's report of an article, a comment or a profile they can see. Reports of
 * one item collapse into one queue entry with a count (one per reporter per round: reporting
 * again changes nothing); an item whose case was handled opens again as a new round.
 */
export async function reportItem(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ reported: true; alreadyReported: boolean }>> {
  const parsed = parseInput(reportSchema, input);
  if (!parsed.ok) return parsed;
  const { kind, id, reason, note } = parsed.value;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.reportsPerAccount, viewer.user.id]],
    'reports',
  );
  if (limited) return limited;
  const target = await findReportable(kind, id, viewer.user.id);
  if (!target.ok) return target;
  const targetKey = `${kind}:${id}`;
  // One writer per item: FerretDB does not make the read, reopen and count below atomic.
  return withLock(`moderation-case:${targetKey}`, async () => {
    const current = await openCase(kind, id, target.value.authorId);
    try {
      await ReportModel.create({
        caseId: current._id,
        round: current.round,
        reporterId: new Types.ObjectId(viewer.user.id),
        reason,
        note,
        createdAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return ok({ reported: true as const, alreadyReported: true });
    }
    await ModerationCaseModel.updateOne(
      { _id: current._id },
      {
        $inc: { reportCount: 1, [`reasons.${reason}`]: 1 },
        ...(note ? { $push: { notes: { $each: [note], $slice: -NOTES_KEPT } } } : {}),
      },
    );
    return ok({ reported: true as const, alreadyReported: false });
  });
}

/** The item's case, open: created, or opened again as a new round once it was handled. */
async function openCase(kind: TargetKind, id: string, authorId: string): Promise<ModerationCase> {
  await connectDb();
  const targetKey = `${kind}:${id}`;
  const existing = await ModerationCaseModel.findOne({ targetKey }).lean();
  if (!existing) {
    const created = await ModerationCaseModel.create({
      targetKind: kind,
      targetId: new Types.ObjectId(id),
      targetKey,
      authorId: new Types.ObjectId(authorId),
      status: 'open',
      openedAt: new Date(),
    });
    return created.toObject();
  }
  if (existing.status !== 'handled') return existing;
  const reopened = await ModerationCaseModel.findOneAndUpdate(
    { _id: existing._id, round: existing.round },
    {
      $set: {
        status: 'open',
        reportCount: 0,
        reasons: { spam: 0, harassment: 0, illegal: 0, other: 0 },
        notes: [],
        openedAt: new Date(),
      },
      $inc: { round: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  return reopened ?? existing;
}
