import 'server-only';
import { z } from 'zod';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { endOtherSessions, endSessionByHandle } from '@/lib/sessions/session-store';

const sessionHandleSchema = z.object({
  handle: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Unknown session.'),
});

function limitSessionEnds(viewer: SignedIn) {
  return enforceRateLimits(
    [[RATE_LIMITS.sessionEndsPerAccount, viewer.user.id]],
    'requests to end sessions',
  );
}

/** Ends one of the viewer's own sessions (another person's id is simply not found). */
export async function endViewerSession(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ ended: number }>> {
  const parsed = parseInput(sessionHandleSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await limitSessionEnds(viewer);
  if (limited) return limited;
  const ended = await endSessionByHandle(viewer.user.id, parsed.value.handle);
  return ended ? ok({ ended: 1 }) : fail('not-found', 'That session has already ended.');
}

/** "Sign out everywhere else": every session of the viewer but this one. */
export async function endViewerOtherSessions(viewer: SignedIn): Promise<Result<{ ended: number }>> {
  const limited = await limitSessionEnds(viewer);
  if (limited) return limited;
  return ok({ ended: await endOtherSessions(viewer.user.id, viewer.sessionId) });
}
