import { z } from 'zod';
import { renderFailure, renderMarkdown } from '@/lib/articles/render-markdown';
import { BODY_MAX } from '@/lib/articles/schemas';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/sessions/viewer-write';
import { ok, parseInput } from '@/lib/validation/result';

export const dynamic = 'force-dynamic';

const previewSchema = z.object({
  body: z
    .string()
    .max(BODY_MAX, `Articles are at most ${BODY_MAX.toLocaleString('en')} characters.`),
});

/**
 * The editor's live preview, rendered by the same sanitising pipeline as published articles and
 * within the same limits: a body that cannot be rendered is a 422 saying which limit it broke.
 */
export function POST(request: Request) {
  return handleViewerWrite(request, async (_viewer, body) => {
    const parsed = parseInput(previewSchema, body);
    if (!parsed.ok) return resultResponse(parsed);
    const rendered = await renderMarkdown(parsed.value.body);
    if (!rendered.ok) return resultResponse(renderFailure(rendered));
    return resultResponse(
      ok({ html: rendered.value.html, readingMinutes: rendered.value.readingMinutes }),
    );
  });
}
