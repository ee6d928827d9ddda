/**
 * The Markdown pipeline itself: runs inside a render worker (render-worker.ts), never on the
 * server's event loop. Kept free of server-only imports so the worker can load it on its own.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root as HtmlRoot } from 'hast';
import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { imagesWithoutAlt, rehypeOwnImages } from './images';
import { MARKDOWN_LIMITS, type RenderRefusal } from './limits';
import { rehypeScrollBoxes } from './scroll-boxes';

/**
 * GitHub's allowlist, narrowed: no raw HTML ever reaches it (remark-rehype drops it), links
 * only over http(s) and mailto, code may carry a `language-*` class, images only `src`, `alt`
 * and `title` (then rehypeOwnImages keeps only our own stored images, and sets their size,
 * srcset and lazy loading itself). Anything else (scripts, event handlers, styles, frames,
 * javascript: URLs) does not survive.
 */
const schema: Schema = {
  ...defaultSchema,
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-[\w-]+$/]],
    img: ['src', 'alt', 'title'],
  },
};

/**
 * Comments: the same allowlist narrowed to a conversation's needs (emphasis, code, links, lists,
 * quotes, line breaks). Headings and images were turned into text before (remarkCommentSubset);
 * any other element is unwrapped to its text by the sanitiser.
 */
const commentSchema: Schema = {
  ...schema,
  tagNames: ['p', 'br', 'em', 'strong', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote'],
  attributes: { a: ['href'], code: [['className', /^language-[\w-]+$/]], ol: ['start'] },
};

/** Which pipeline a body goes through: an article's, or a comment's narrower one. */
export type RenderProfile = 'article' | 'comment';

const parser = unified().use(remarkParse).use(remarkGfm);

function htmlPipeline(sanitizeSchema: Schema) {
  return (
    unified()
      .use(remarkRehype, { allowDangerousHtml: false })
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypeOwnImages)
      .use(rehypeScrollBoxes)
      // Highlighting runs after sanitising: its spans are our own markup.
      .use(rehypeHighlight, { detect: false, ignoreMissing: true })
      .use(rehypeExternalLinks, {
        rel: ['nofollow', 'noopener', 'ugc'],
        protocols: ['http', 'https'],
      })
      .use(rehypeStringify)
  );
}

const toHtml = {
  article: htmlPipeline(schema),
  comment: htmlPipeline(commentSchema),
};

const WORDS_PER_MINUTE = 230;

export interface RenderedMarkdown {
  html: string;
  excerpt: string;
  readingMinutes: number;
  /** Positions of our images with no alt text (publishing refuses them); not cached. */
  imagesWithoutAlt: number[];
}

export type PipelineOutcome =
  | { ok: true; value: RenderedMarkdown }
  | { ok: false; reason: Extract<RenderRefusal, 'too-many-nodes' | 'unrenderable'> };

/** Parses, checks the tree against the limits, then sanitises, highlights and serialises. */
export function renderWithinLimits(
  markdown: string,
  profile: RenderProfile = 'article',
): PipelineOutcome {
  const tree = parser.parse(markdown);
  const refusal = checkTree(tree);
  if (refusal) return { ok: false, reason: refusal };
  if (profile === 'comment') remarkCommentSubset(tree);
  const excerpt = excerptOf(tree);
  const missingAlt = imagesWithoutAlt(tree);
  const pipeline = toHtml[profile];
  const html = pipeline.stringify(pipeline.runSync(tree) as HtmlRoot);
  return { ok: true, value: { html, ...excerpt, imagesWithoutAlt: missingAlt } };
}

/**
 * A comment has no headings, images or raw HTML: a heading becomes a paragraph in bold, an image
 * its alt text, HTML the text it is (escaped when serialised), so nothing written is lost. A line
 * break is kept as one (comments were plain text with their line breaks before). Iterative, like
 * checkTree (the tree is already bounded).
 */
function remarkCommentSubset(tree: Root): void {
  const pending: Parent[] = [tree];
  for (let parent = pending.pop(); parent; parent = pending.pop()) {
    const blocks = BLOCK_CONTAINERS.has(parent.type);
    parent.children = parent.children.flatMap((child): RootContent[] => {
      if (child.type === 'heading')
        return [{ type: 'paragraph', children: [{ type: 'strong', children: child.children }] }];
      if (child.type === 'image' || child.type === 'imageReference')
        return [{ type: 'text', value: child.alt ?? '' }];
      if (child.type === 'html')
        return blocks
          ? [{ type: 'paragraph', children: textWithBreaks(child.value) }]
          : textWithBreaks(child.value);
      if (child.type === 'text' && child.value.includes('\n')) return textWithBreaks(child.value);
      return [child];
    }) as typeof parent.children;
    for (const child of parent.children) if ('children' in child) pending.push(child);
  }
}

/** Nodes whose children are blocks (a paragraph, not bare text, goes there). */
const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

function textWithBreaks(value: string): PhrasingContent[] {
  return value
    .split('\n')
    .flatMap((line, index): PhrasingContent[] => [
      ...(index > 0 ? [{ type: 'break' } as const] : []),
      { type: 'text', value: line },
    ]);
}

/** Counts nodes and depth without recursion (a deep tree must not overflow the stack here). */
function checkTree(tree: Root): 'too-many-nodes' | 'unrenderable' | null {
  const pending: [node: object, depth: number][] = [[tree, 0]];
  let count = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    count += 1;
    if (count > MARKDOWN_LIMITS.maxNodes) return 'too-many-nodes';
    if (depth > MARKDOWN_LIMITS.maxTreeDepth) return 'unrenderable';
    for (const child of (node as { children?: object[] }).children ?? []) {
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

/** Blocks whose text is prose (read into the excerpt); others (code, tables, HTML) are skipped. */
const PROSE_LEAVES = new Set(['paragraph', 'heading']);
const PROSE_CONTAINERS = new Set(['blockquote', 'list', 'listItem']);

/**
 * The plain text of each prose block, in order: paragraphs, headings, and those inside quotes
 * and list items. Each block apart, so two list items never run together; Markdown's syntax
 * (backticks, emphasis, link targets) is gone, as only the tree's text is read.
 */
function proseBlocks(tree: Root): string[] {
  const blocks: string[] = [];
  const pending: Nodes[] = [...tree.children].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (PROSE_LEAVES.has(node.type)) blocks.push(toString(node, { includeHtml: false }));
    else if (PROSE_CONTAINERS.has(node.type) && 'children' in node)
      pending.push(...[...(node.children as Nodes[])].reverse());
  }
  return blocks;
}

function excerptOf(tree: Root): Pick<RenderedMarkdown, 'excerpt' | 'readingMinutes'> {
  // Prose only: no code, no tables, no raw HTML in excerpts and word counts.
  const text = proseBlocks(tree).join(' ').replace(/\s+/g, ' ').trim();
  const words = text ? text.split(' ').length : 0;
  return {
    excerpt: text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
