/**
 * Every limit on rendering Markdown, in one place. The parser's cost grows far faster than its
 * input on some shapes (a list nested 20,000 levels deep in 40 KB took minutes), so a body is
 * checked cheaply before the expensive steps, and each render runs in a worker under a time budget.
 */
export const MARKDOWN_LIMITS = {
  /** Characters in an article body (the editor, the API and the preview all refuse more). */
  maxChars: 100_000,
  /** Lists and block quotes inside one another, counted by the pre-scan before parsing. */
  maxNesting: 32,
  /** Elements of the parsed Markdown tree, checked before it becomes HTML. */
  maxNodes: 20_000,
  /** Depth of the parsed tree (containers, emphasis and links inside one another). */
  maxTreeDepth: 100,
  /** A render taking longer is stopped (its worker is terminated) and refused. */
  timeBudgetMs: 2_000,
  /** A render waiting longer than this for a free worker is refused as "busy": try again. */
  queueWaitMs: 4_000,
  /** Renders waiting for a worker at once; more are refused as "busy" at once. */
  maxQueued: 64,
  /** Heap of each render worker: a render that needs more is stopped, not the instance. */
  workerHeapMb: 256,
} as const;

/** Why a body cannot be rendered; `busy` is the only one worth retrying. */
export type RenderRefusal =
  'too-long' | 'too-deep' | 'too-many-nodes' | 'too-slow' | 'unrenderable' | 'busy';

export const RENDER_MESSAGES: Record<RenderRefusal, string> = {
  'too-long': `Articles are at most ${MARKDOWN_LIMITS.maxChars.toLocaleString('en')} characters.`,
  'too-deep': `Lists and quotes can be nested at most ${MARKDOWN_LIMITS.maxNesting} levels deep.`,
  'too-many-nodes': `This article has too many parts to render (at most ${MARKDOWN_LIMITS.maxNodes.toLocaleString('en')} paragraphs, list items, links, emphasised words and so on). Split it or simplify its formatting.`,
  'too-slow': `This article takes too long to render: its formatting needs more than ${MARKDOWN_LIMITS.timeBudgetMs / 1000} seconds. Simplify deeply nested lists, quotes, brackets or emphasis.`,
  unrenderable:
    'This article cannot be rendered: its formatting is nested too deeply. Simplify nested lists, quotes, brackets or emphasis.',
  busy: 'Rendering is busy right now. Please try again in a moment.',
};
