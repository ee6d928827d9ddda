import { logger } from '@/lib/log/logger';
import { fail, failFields, type Failure } from '@/lib/validation/result';
import { missingAltMessage } from './render/images';
import { MARKDOWN_LIMITS, RENDER_MESSAGES, type RenderRefusal } from './render/limits';
import { measureNesting } from './render/nesting-scan';
import type { RenderedMarkdown } from './render/pipeline';
import { renderPool } from './render/worker-pool';

export type { RenderedMarkdown } from './render/pipeline';

export type RenderOutcome =
  { ok: true; value: RenderedMarkdown } | { ok: false; reason: RenderRefusal; message: string };

/**
 * Renders an article body to sanitised HTML (lib/articles/render/pipeline.ts), within the limits
 * of render/limits.ts: size and nesting are checked here in linear time before anything parses
 * the body; the rest runs in a worker thread under a time budget, never on the event loop.
 */
export async function renderMarkdown(markdown: string): Promise<RenderOutcome> {
  const early = refusedBeforeRendering(markdown);
  if (early) return early;
  const outcome = await renderPool(logRefusal).render(markdown);
  return outcome.ok ? outcome : refused(outcome.reason);
}

/**
 * Renders a comment through the same pipeline and sanitiser, with the comment profile (emphasis,
 * code, links, lists, quotes; no headings, images or raw HTML). Comments are rendered once, when
 * written, and the HTML is kept with them: never on a view.
 */
export async function renderCommentMarkdown(markdown: string): Promise<RenderOutcome> {
  const early = refusedBeforeRendering(markdown);
  if (early) return commentRefusal(early.reason);
  const outcome = await renderPool(logRefusal).render(markdown, 'comment');
  return outcome.ok ? outcome : commentRefusal(outcome.reason);
}

function commentRefusal(reason: RenderRefusal): Extract<RenderOutcome, { ok: false }> {
  return {
    ok: false,
    reason,
    message:
      reason === 'busy'
        ? RENDER_MESSAGES.busy
        : 'This comment’s formatting is too complex to show. Simplify nested lists, quotes, brackets or emphasis.',
  };
}

/** The limits checked in linear time, before any worker is asked: a refusal, or null. */
export function refusedBeforeRendering(
  markdown: string,
): Extract<RenderOutcome, { ok: false }> | null {
  if (markdown.length > MARKDOWN_LIMITS.maxChars) return refused('too-long');
  if (measureNesting(markdown) > MARKDOWN_LIMITS.maxNesting) return refused('too-deep');
  return null;
}

/** Starts the render workers (server start), so the first article rendered does not wait. */
export function warmRenderWorkers(): void {
  try {
    renderPool(logRefusal).warm();
  } catch (error) {
    // No worker build (yet): say so now; each render will say it again until there is one.
    logger().error({ err: String(error) }, 'the Markdown render workers cannot start');
  }
}

/** A refusal as a failure: the body's fault is `invalid` (on the body field), busy `unavailable`. */
export function renderFailure(outcome: Extract<RenderOutcome, { ok: false }>): Failure {
  return outcome.reason === 'busy'
    ? fail('unavailable', outcome.message, { retryAfterSeconds: 2 })
    : failFields({ body: outcome.message });
}

/**
 * Why a rendered body cannot be published (null: it can): a rendering refusal, or an image
 * readers would see with no alt text (the message says which). Publishing and scheduling share it.
 */
export function publicationFailure(outcome: RenderOutcome): Failure | null {
  if (!outcome.ok) return renderFailure(outcome);
  if (outcome.value.imagesWithoutAlt.length > 0)
    return failFields({ body: missingAltMessage(outcome.value.imagesWithoutAlt) });
  return null;
}

function refused(reason: RenderRefusal): Extract<RenderOutcome, { ok: false }> {
  return { ok: false, reason, message: RENDER_MESSAGES[reason] };
}

function logRefusal(reason: RenderRefusal, detail?: string): void {
  logger().warn({ reason, detail }, 'a Markdown render was refused');
}
