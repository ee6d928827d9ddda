import { z } from 'zod';
import { renderMarkdown } from '@/lib/articles/render-markdown';
import { BODY_MAX } from '@/lib/articles/schemas';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/sessions/viewer-write';
import { ok, parseInput } from '@/lib/validation/result';

export const dynamic = 'force-dynamic';

const previewSchema = z.object({
  body: z.string().max(BODY_MAX, 'Articles are at most 100,000 characters.'),
});

/** The editor's live preview, rendered by the same sanitising pipeline as published articles. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (_viewer, body) => {
    const parsed = parseInput(previewSchema, body);
    if (!parsed.ok) return resultResponse(parsed);
    const rendered = await renderMarkdown(parsed.value.body);
    return resultResponse(ok({ html: rendered.html, readingMinutes: rendered.readingMinutes }));
  });
}
