import 'server-only';
import { enforceRateLimits, hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { refusedBeforeRendering, renderFailure, renderMarkdown } from './render-markdown';
import { previewSchema } from './schemas';

/** A preview that used the whole render time budget counts as this many. */
const SLOW_PREVIEW_WEIGHT = 100;
/** Previews of one person waiting or rendering on this instance, at most. */
const MAX_PREVIEWS_IN_LINE = 3;

/** Each account's line of previews on this instance (transient work, never user data). */
const lines = new Map<string, { tail: Promise<unknown>; length: number }>();

/** Runs `work` after the account's earlier previews; null when its line is full. */
async function oneAtATimePerAccount<T>(
  accountId: string,
  work: () => Promise<T>,
): Promise<{ value: T } | null> {
  const line = lines.get(accountId) ?? { tail: Promise.resolve(), length: 0 };
  if (line.length >= MAX_PREVIEWS_IN_LINE) return null;
  const run = line.tail.then(work, work);
  line.tail = run.catch(() => undefined);
  line.length += 1;
  lines.set(accountId, line);
  try {
    return { value: await run };
  } finally {
    line.length -= 1;
    if (line.length === 0) lines.delete(accountId);
  }
}

/**
 * The editor's live preview, rendered by the same sanitising pipeline as published articles and
 * within the same limits: a body that cannot be rendered is a 422 saying which limit it broke.
 * Each preview occupies a render worker, so previews are counted per account.
 */
export async function previewArticle(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<{ html: string; readingMinutes: number }>> {
  const parsed = parseInput(previewSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.previewsPerAccount, viewer.user.id]],
    'previews',
  );
  if (limited) return limited;
  const early = refusedBeforeRendering(parsed.value.body);
  if (early) return renderFailure(early);
  // One person's previews render one at a time on this instance: the render workers are shared
  // by everyone (publishing too), so nobody can hold them all.
  const queued = await oneAtATimePerAccount(viewer.user.id, () =>
    renderMarkdown(parsed.value.body),
  );
  if (!queued) {
    return fail(
      'rate-limited',
      'Your earlier previews are still rendering. Please try again in a moment.',
      {
        retryAfterSeconds: 2,
      },
    );
  }
  const rendered = queued.value;
  if (!rendered.ok) {
    // A body that needs the whole time budget costs as much as many previews.
    if (rendered.reason === 'too-slow')
      await hitRateLimit(RATE_LIMITS.previewsPerAccount, viewer.user.id, SLOW_PREVIEW_WEIGHT);
    return renderFailure(rendered);
  }
  return ok({ html: rendered.value.html, readingMinutes: rendered.value.readingMinutes });
}
