import 'server-only';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { ModerationCaseModel } from './models';

export const appealSchema = z.object({
  text: z
    .string({ error: 'Say why it should be shown again.' })
    .trim()
    .min(10, 'Say why it should be shown again (at least 10 characters).')
    .max(2_000, 'An appeal can be at most 2,000 characters.'),
});

const NOT_YOURS = 'There is nothing of yours to appeal here.';

/**
 * The author's one appeal of a hiding: the case goes back to the queue (as appealed, behind the
 * reports already waiting) with their words; a moderator then restores the item or keeps it
 * hidden, and the author is told. A second appeal is refused.
 */
export async function appealHiding(
  viewer: SignedIn,
  caseId: string,
  input: unknown,
): Promise<Result<{ appealed: true }>> {
  const parsed = parseInput(appealSchema, input);
  if (!parsed.ok) return parsed;
  if (!Types.ObjectId.isValid(caseId)) return fail('not-found', NOT_YOURS);
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.appealsPerAccount, viewer.user.id]],
    'appeals',
  );
  if (limited) return limited;
  await connectDb();
  const current = await ModerationCaseModel.findById(caseId).lean();
  if (!current || !current.authorId.equals(viewer.user.id) || !current.hidden)
    return fail('not-found', NOT_YOURS);
  if (current.appeal) return fail('conflict', 'You have appealed this already: one appeal each.');
  // Only the case as it was read: a moderator's change in between makes this a no-op.
  const updated = await ModerationCaseModel.updateOne(
    { _id: current._id, status: 'handled', hidden: true, appeal: null },
    {
      $set: {
        status: 'appealed',
        appeal: { text: parsed.value.text, at: new Date() },
        openedAt: new Date(),
      },
    },
  );
  if (updated.modifiedCount === 0)
    return fail('conflict', 'This changed meanwhile. Reload the page to see where it stands.');
  return ok({ appealed: true as const });
}
