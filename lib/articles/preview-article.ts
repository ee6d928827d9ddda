import 'server-only';
import { z } from 'zod';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import type { SignedIn } from '@/lib/sessions/require-viewer';
import { ok, parseInput, type Result } from '@/lib/validation/result';
import { renderFailure, renderMarkdown } from './render-markdown';
import { BODY_MAX } from './schemas';

const previewSchema = z.object({
  body: z
    .string()
    .max(BODY_MAX, `Articles are at most ${BODY_MAX.toLocaleString('en')} characters.`),
});

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
  const rendered = await renderMarkdown(parsed.value.body);
  if (!rendered.ok) return renderFailure(rendered);
  return ok({ html: rendered.value.html, readingMinutes: rendered.value.readingMinutes });
}
