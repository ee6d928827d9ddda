import 'server-only';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { closeCase } from './close-case';
import { mayDecide } from './may-decide';
import { hideTarget, restoreTarget } from './hide-target';
import { ModerationCaseModel, type CaseOutcome, type ModerationCase } from './models';
import { requireModerator } from './roles';
import { SUSPENSION_DAYS, suspendUser } from './suspend-user';

const DAY_MS = 24 * 60 * 60 * 1000;
const ALREADY_DECIDED = 'This report was handled already (by you or another moderator).';

export const caseActionSchema = z.object({
  action: z.enum(['hide', 'suspend', 'dismiss', 'restore', 'keep-hidden'], {
    error: 'Unknown action.',
  }),
  reason: z
    .string({ error: 'Say why: the reason is kept in the audit log.' })
    .trim()
    .min(3, 'Say why, in a few words (at least 3 characters): it is kept in the audit log.')
    .max(500, 'The reason can be at most 500 characters.'),
  days: z.coerce
    .number()
    .refine((days) => (SUSPENSION_DAYS as readonly number[]).includes(days), {
      message: 'Choose how long the suspension lasts.',
    })
    .optional(),
});

/** Which actions a case in each state takes: a report's, or an appeal's. */
const ALLOWED: Record<ModerationCase['status'], readonly CaseOutcome[]> = {
  open: ['hide', 'suspend', 'dismiss'],
  appealed: ['restore', 'keep-hidden'],
  handled: [],
};

/**
 * A moderator's decision on a queue entry: "Hide" the item everywhere, "Suspend" its author for a
 * chosen time, "Dismiss" the reports; on an appeal, restore the item or keep it hidden. Every one
 * needs a reason, checks the role on the server first, and is written to the audit log.
 */
export async function actOnCase(
  viewer: SignedIn,
  caseId: string,
  input: unknown,
): Promise<Result<{ action: CaseOutcome; until: string | null }>> {
  const refused = await requireModerator(viewer);
  if (refused) return refused;
  const parsed = parseInput(caseActionSchema, input);
  if (!parsed.ok) return parsed;
  const { action, reason, days } = parsed.value;
  if (action === 'suspend' && days === undefined)
    return fail('invalid', 'Choose how long the suspension lasts.', {
      fieldErrors: { days: 'Choose how long the suspension lasts.' },
    });
  if (!Types.ObjectId.isValid(caseId)) return fail('not-found', 'This report does not exist.');
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.moderationActionsPerAccount, viewer.user.id]],
    'moderation actions',
  );
  if (limited) return limited;
  return withLock(`moderation-case-id:${caseId}`, async () => {
    await connectDb();
    const current = await ModerationCaseModel.findById(caseId).lean();
    if (!current) return fail('not-found', 'This report does not exist.');
    if (!ALLOWED[current.status].includes(action)) return fail('conflict', ALREADY_DECIDED);
    const refusedHere = await mayDecide(viewer, current, action);
    if (refusedHere) return refusedHere;
    const until = action === 'suspend' ? new Date(Date.now() + (days ?? 1) * DAY_MS) : null;
    await takeEffect(current, action, until);
    const moderator = { id: viewer.user.id, username: viewer.user.username };
    if (!(await closeCase(current, { action, reason, until }, moderator)))
      return fail('conflict', ALREADY_DECIDED);
    return ok({ action, until: until ? until.toISOString() : null });
  });
}

async function takeEffect(current: ModerationCase, action: CaseOutcome, until: Date | null) {
  if (action === 'hide') await hideTarget(current);
  else if (action === 'restore') await restoreTarget(current);
  else if (action === 'suspend' && until) await suspendUser(current.authorId.toString(), until);
}
