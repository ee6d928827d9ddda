import 'server-only';
import { Types } from 'mongoose';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { findByIds } from '@/lib/db/find-by-ids';
import { UserModel } from '@/lib/users/user-model';
import { fail, ok, type Result } from '@/lib/validation/result';
import { describeTarget, type TargetContent } from './describe-target';
import {
  AuditEntryModel,
  ModerationCaseModel,
  type ModerationCase,
  type ReportReason,
  type TargetKind,
} from './models';
import { canModerate, roleOf, type Role } from './roles';

/** How many queue entries the page shows at once (the oldest). */
export const QUEUE_PAGE = 50;

export interface AuthorHistory {
  username: string;
  displayName: string;
  joinedAt: string;
  /** Their items hidden before, suspensions and dismissed reports, from the audit log. */
  hidden: number;
  suspended: number;
  dismissed: number;
  suspendedUntil: string | null;
}

export interface QueueEntry {
  id: string;
  kind: TargetKind;
  status: 'open' | 'appealed';
  reportCount: number;
  reasons: Record<ReportReason, number>;
  notes: string[];
  openedAt: string;
  content: TargetContent;
  author: AuthorHistory | null;
  appeal: { text: string; at: string } | null;
  /** Why it was hidden, for an appeal. */
  hiddenBecause: string | null;
}

/**
 * The moderation queue, oldest first: open reports and appeals, each with the reported content
 * and its author's history. Moderators only (the role read from MongoDB); read from MongoDB, never
 * cached: it is one small page for a few people, and must be current.
 */
export async function listQueue(
  viewer: SignedIn,
): Promise<Result<{ entries: QueueEntry[]; role: Role }>> {
  const role = await roleOf(viewer.user.id);
  if (!canModerate(role)) return fail('forbidden', 'Only moderators can do this.');
  await connectDb();
  const cases = await ModerationCaseModel.find({ status: { $in: ['open', 'appealed'] } })
    .sort({ openedAt: 1, _id: 1 })
    .limit(QUEUE_PAGE)
    .lean();
  const histories = await authorHistories([...new Set(cases.map((c) => c.authorId.toString()))]);
  const entries = await Promise.all(
    cases.map(async (entry) => toQueueEntry(entry, histories.get(entry.authorId.toString()))),
  );
  return ok({ entries, role });
}

async function toQueueEntry(
  entry: ModerationCase,
  author: AuthorHistory | undefined,
): Promise<QueueEntry> {
  return {
    id: entry._id.toString(),
    kind: entry.targetKind,
    status: entry.status === 'appealed' ? 'appealed' : 'open',
    reportCount: entry.reportCount,
    reasons: entry.reasons,
    notes: entry.notes,
    openedAt: entry.openedAt.toISOString(),
    content: await describeTarget(entry.targetKind, entry.targetId),
    author: author ?? null,
    appeal: entry.appeal ? { text: entry.appeal.text, at: entry.appeal.at.toISOString() } : null,
    hiddenBecause: entry.status === 'appealed' ? (entry.outcome?.reason ?? null) : null,
  };
}

async function authorHistories(authorIds: string[]): Promise<Map<string, AuthorHistory>> {
  if (authorIds.length === 0) return new Map();
  const [users, counts] = await Promise.all([
    findByIds(UserModel, authorIds, {
      username: 1,
      displayName: 1,
      createdAt: 1,
      suspendedUntil: 1,
    }),
    AuditEntryModel.aggregate<{ _id: { subject: string; action: string }; count: number }>([
      { $match: { subjectId: { $in: authorIds.map((id) => new Types.ObjectId(id)) } } },
      { $group: { _id: { subject: '$subjectId', action: '$action' }, count: { $sum: 1 } } },
    ]),
  ]);
  const countOf = (id: string, action: string) =>
    counts.find((row) => String(row._id.subject) === id && row._id.action === action)?.count ?? 0;
  const now = Date.now();
  return new Map(
    users.map((user) => {
      const id = user._id.toString();
      const until = user.suspendedUntil;
      return [
        id,
        {
          username: user.username,
          displayName: user.displayName,
          joinedAt: user.createdAt.toISOString(),
          hidden: countOf(id, 'hide'),
          suspended: countOf(id, 'suspend'),
          dismissed: countOf(id, 'dismiss'),
          suspendedUntil: until && until.getTime() > now ? until.toISOString() : null,
        },
      ];
    }),
  );
}
