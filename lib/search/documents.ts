import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Article } from '@/lib/articles/models';
import { searchAudience } from '@/lib/articles/visibility';
import { parseInlineImageUrl } from '@/lib/media/inline-image-names';
import type { User } from '@/lib/users/user-model';
import { indexableText, searchKey } from './keys';

/** A document for the engine: text, numbers, integer keys and lists of keys. */
export type SearchDocument = Record<string, string | number | string[]>;

/** Bodies longer than this are indexed by their beginning (the engine's string attributes are bounded). */
const BODY_CHARS = 60_000;

interface MarkdownNode {
  type: string;
  value?: string;
  alt?: string | null;
  url?: string;
  identifier?: string;
  children?: MarkdownNode[];
}

/** Nodes whose children are separate blocks or cells: their texts are words apart, never glued. */
const SEPARATED = new Set([
  'root',
  'paragraph',
  'heading',
  'list',
  'listItem',
  'blockquote',
  'table',
  'tableRow',
  'tableCell',
  'footnoteDefinition',
]);

/** Image URLs of reference definitions (`[x]: /media/…`), by identifier. */
type Definitions = ReadonlyMap<string, string>;

/**
 * What the page shows of a node, as the article renderer does: raw HTML (comments included) is
 * dropped by remark-rehype, an image other than our own stored ones is removed (rehypeOwnImages),
 * so neither may reach the index or a snippet. A kept image counts by its alt text.
 */
function textOf(node: MarkdownNode, definitions: Definitions): string {
  switch (node.type) {
    case 'html':
    case 'definition':
      return '';
    case 'break':
    case 'thematicBreak':
      return ' ';
    case 'image':
      return parseInlineImageUrl(node.url ?? '') ? (node.alt ?? '') : '';
    case 'imageReference':
      return parseInlineImageUrl(definitions.get(node.identifier ?? '') ?? '')
        ? (node.alt ?? '')
        : '';
  }
  if (!node.children) return node.value ?? '';
  return node.children
    .map((child) => textOf(child, definitions))
    .join(SEPARATED.has(node.type) ? ' ' : '');
}

function definitionsOf(root: MarkdownNode): Definitions {
  const definitions = new Map<string, string>();
  const pending = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'definition' && node.identifier && !definitions.has(node.identifier))
      definitions.set(node.identifier, node.url ?? '');
    pending.push(...(node.children ?? []));
  }
  return definitions;
}

/** Parsed as the page parses it (GFM: tables, footnotes, strikethrough). */
const parser = unified().use(remarkParse).use(remarkGfm);

/** What a reader reads of a Markdown body, as words (no syntax, no link targets, no hidden HTML). */
export function plainText(markdown: string): string {
  const tree = parser.parse(markdown) as MarkdownNode;
  return indexableText(textOf(tree, definitionsOf(tree)))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, BODY_CHARS);
}

/** A document of the `articles` index, or null when nobody may find the article by search. */
export function articleDocument(article: Article): SearchDocument | null {
  const audience = searchAudience(article);
  if (audience === null || !article.publishedAt) return null;
  const id = article._id.toString();
  return {
    id: searchKey(id),
    title: indexableText(article.title),
    tags: article.tags.join(' '),
    body: plainText(article.body),
    article_id: id,
    author_key: searchKey(article.authorId.toString()),
    audience: audience === 'friends' ? 1 : 0,
    published: Math.floor(article.publishedAt.getTime() / 1000),
    tag_keys: article.tags.map((tag) => searchKey(tag)),
    tag_list: article.tags.join(' '),
    body_text: plainText(article.body),
  };
}

/** A document of the `people` index, or null for an account being deleted. */
export function personDocument(user: User): SearchDocument | null {
  if (user.deletedAt) return null;
  const id = user._id.toString();
  return {
    id: searchKey(id),
    username: user.username,
    display_name: indexableText(user.displayName),
    user_id: id,
  };
}

export function tagDocument(tag: string, articleCount: number): SearchDocument {
  return { id: searchKey(`tag:${tag}`), tag, tag_name: tag, article_count: articleCount };
}

/**
 * One REPLACE of many documents of one index. Keys are integers as strings (inlined), a
 * multi-value list is inlined as (a,b), every other value is escaped by format()'s placeholders.
 */
export function replaceStatement(
  index: string,
  documents: SearchDocument[],
): { sql: string; values: (string | number)[] } | null {
  const first = documents[0];
  if (!first) return null;
  const columns = Object.keys(first);
  const values: (string | number)[] = [];
  const rows = documents.map((document) => {
    const cells = columns.map((column) => {
      const value = document[column];
      if (column === 'id' || column.endsWith('_key')) return inlineInteger(value);
      if (Array.isArray(value)) return `(${value.map(inlineInteger).join(',')})`;
      values.push(value ?? '');
      return '?';
    });
    return `(${cells.join(',')})`;
  });
  return { sql: `REPLACE INTO ${index} (${columns.join(',')}) VALUES ${rows.join(',')}`, values };
}

function inlineInteger(value: unknown): string {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new Error(`not an integer key: ${text}`);
  return text;
}
