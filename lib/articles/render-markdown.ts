import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeHighlight from 'rehype-highlight';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * GitHub's allowlist, narrowed: no raw HTML ever reaches it (remark-rehype drops it), links
 * and images only over http(s) (and mailto for links), code may carry a `language-*` class.
 * Anything else (scripts, event handlers, styles, frames, javascript: URLs) does not survive.
 */
const schema: Schema = {
  ...defaultSchema,
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-[\w-]+$/]],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
};

const pipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  // Highlighting runs after sanitising: its spans are our own markup.
  .use(rehypeHighlight, { detect: false, ignoreMissing: true })
  .use(rehypeExternalLinks, { rel: ['nofollow', 'noopener', 'ugc'], protocols: ['http', 'https'] })
  .use(rehypeStringify);

const WORDS_PER_MINUTE = 230;

export interface RenderedMarkdown {
  html: string;
  excerpt: string;
  readingMinutes: number;
}

export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  const html = String(await pipeline.process(markdown));
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  // Prose only: no code, no tables, no raw HTML in excerpts and word counts.
  const text = tree.children
    .filter((node) => ['paragraph', 'heading', 'blockquote', 'list'].includes(node.type))
    .map((node) => toString(node, { includeHtml: false }))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = text ? text.split(' ').length : 0;
  return {
    html: addLazyImages(html),
    excerpt: text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}

function addLazyImages(html: string): string {
  return html.replace(/<img /g, '<img loading="lazy" decoding="async" ');
}
