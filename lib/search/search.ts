import type { ArticleView } from '@/lib/articles/article-view';
import { hydrateCards } from '@/lib/articles/list-articles';
import { getUserByUsername, getUsersByIds } from '@/lib/users/cache';
import { toUserBadge, type UserBadge } from '@/lib/users/public-user';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { QUERY_TIME_OPTION, searchSql, SearchUnavailable, type SearchRow } from './engine';
import { keyList, MATCH_END, MATCH_START, queryWords, searchKey } from './keys';
import { searchQuerySchema, type SearchQuery } from './schemas';
import { splitSnippet, type SnippetPart } from './snippet';
import { viewerScope, visibleCards, type ViewerScope } from './viewer-scope';

export const SEARCH_PAGE_SIZE = 10;

/** An article found; its author as a badge (results go to the browser: no one's preferences). */
export interface ArticleHit {
  article: ArticleView;
  author: UserBadge;
  /** The best passage of the body, its matches marked. */
  snippet: SnippetPart[];
}

export interface SearchResults {
  query: SearchQuery;
  /** Nothing to search for: no words and no filter. */
  empty: boolean;
  articles: { hits: ArticleHit[]; total: number; page: number; pages: number };
  people: UserBadge[];
  tags: { tag: string; articleCount: number }[];
}

export const SEARCH_UNAVAILABLE =
  'Search is unavailable right now. Everything else works; please try again in a moment.';

/**
 * Searches articles (title, tags, body; BM25 with phrase proximity, title weighted most), people
 * (username and display name, by prefix) and tags, as `viewerId` may see them. One round trip to
 * the engine; every article hit is checked again with the pages' rules before it is shown.
 */
export async function search(
  viewerId: string | null,
  input: unknown,
): Promise<Result<SearchResults>> {
  const parsed = parseInput(searchQuerySchema, input);
  if (!parsed.ok) return parsed;
  const query = parsed.value;
  const words = queryWords(query.q ?? '');
  const filtered = Boolean(query.tag || query.author || query.from || query.to);
  const nothing = { hits: [], total: 0, page: query.page, pages: 0 };
  if (words.length === 0 && !filtered)
    return ok({ query, empty: true, articles: nothing, people: [], tags: [] });
  try {
    const scope = await viewerScope(viewerId);
    const filters = await articleFilters(query);
    if (filters === null)
      return ok({ query, empty: false, articles: nothing, people: [], tags: [] });
    const prefix = query.page === 1 ? prefixQuery(words) : null;
    const sql = [articleStatement(words, scope, filters, query.page), 'SHOW META'];
    if (prefix) sql.push(peopleStatement(words, scope, 5), tagsStatement(words, 8));
    const [articleRows = [], meta = [], peopleRows = [], tagRows = []] = await searchSql(
      sql.join('; '),
      [
        ...(words.length > 0 ? [words.join(' '), words.join(' ')] : []),
        ...(prefix ? [prefix, prefix] : []),
      ],
    );
    const total = Number(meta.find((row) => row.Variable_name === 'total_found')?.Value ?? 0);
    return ok({
      query,
      empty: false,
      articles: {
        hits: await articleHits(articleRows, scope),
        total,
        page: query.page,
        pages: Math.min(50, Math.ceil(total / SEARCH_PAGE_SIZE)),
      },
      people: await peopleHits(peopleRows),
      tags: tagRows.map((row) => ({
        tag: String(row.tag_name),
        articleCount: Number(row.article_count),
      })),
    });
  } catch (error) {
    if (error instanceof SearchUnavailable) return fail('unavailable', SEARCH_UNAVAILABLE);
    throw error;
  }
}

/** The filters' conditions; null when one of them can match nothing (an unknown author). */
async function articleFilters(query: SearchQuery): Promise<string | null> {
  const parts: string[] = [];
  if (query.tag) parts.push(`tag_keys = ${keyList([searchKey(query.tag)])}`);
  if (query.author) {
    const author = await getUserByUsername(query.author);
    if (!author) return null;
    parts.push(`author_key = ${keyList([searchKey(author.id)])}`);
  }
  if (query.from) parts.push(`published >= ${seconds(query.from, 0)}`);
  if (query.to) parts.push(`published < ${seconds(query.to, 1)}`);
  return parts.map((part) => ` AND ${part}`).join('');
}

function seconds(day: string, plusDays: number): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + plusDays * 86_400;
}

function articleStatement(
  words: string[],
  scope: ViewerScope,
  filters: string,
  page: number,
): string {
  const matching = words.length > 0;
  const snippet = matching
    ? ` SNIPPET(body_text, ?, 'before_match=${MATCH_START}', 'after_match=${MATCH_END}', 'limit=240', 'around=12') AS snippet,`
    : '';
  return [
    `SELECT id, article_id, WEIGHT() AS relevance,${snippet}`,
    `${scope.visibleExpression} AS visible FROM articles`,
    `WHERE ${matching ? 'MATCH(?) AND ' : ''}visible = 1${scope.authorFilter}${filters}`,
    `ORDER BY ${matching ? 'relevance DESC, ' : ''}published DESC`,
    `LIMIT ${(page - 1) * SEARCH_PAGE_SIZE}, ${SEARCH_PAGE_SIZE}`,
    `OPTION ranker=proximity_bm25, field_weights=(title=3, tags=2, body=1), max_matches=500, ${QUERY_TIME_OPTION}`,
  ].join(' ');
}

/** A prefix term needs this many characters: a one-letter wildcard expands to half the dictionary. */
export const MIN_PREFIX_CHARS = 2;
/** At most this many prefix terms per query: each one is expanded into every word it begins. */
export const MAX_PREFIX_TERMS = 3;

/**
 * The first words long enough to be prefixes, each as one: "ada lov" finds Ada Lovelace. Null
 * when no word is long enough (people, tags and suggestions are then not searched).
 */
export function prefixQuery(words: string[]): string | null {
  const terms = words
    .filter((word) => [...word].length >= MIN_PREFIX_CHARS)
    .slice(0, MAX_PREFIX_TERMS);
  return terms.length > 0 ? terms.map((word) => `${word}*`).join(' ') : null;
}

export function peopleStatement(words: string[], scope: ViewerScope, limit: number): string {
  return `SELECT user_id FROM people WHERE MATCH(?)${scope.peopleFilter} ORDER BY WEIGHT() DESC LIMIT ${limit} OPTION ${QUERY_TIME_OPTION}`;
}

export function tagsStatement(words: string[], limit: number): string {
  return `SELECT tag_name, article_count FROM tags WHERE MATCH(?) ORDER BY WEIGHT() DESC, article_count DESC LIMIT ${limit} OPTION ${QUERY_TIME_OPTION}`;
}

async function articleHits(rows: SearchRow[], scope: ViewerScope): Promise<ArticleHit[]> {
  const snippets = new Map(rows.map((row) => [String(row.article_id), String(row.snippet ?? '')]));
  const cards = await visibleCards(await hydrateCards([...snippets.keys()]), scope);
  return cards.map(({ article, author }) => ({
    article,
    author: toUserBadge(author),
    snippet: splitSnippet(snippets.get(article.id) || article.excerpt),
  }));
}

export async function peopleHits(rows: SearchRow[]): Promise<UserBadge[]> {
  const ids = rows.map((row) => String(row.user_id));
  const users = new Map((await getUsersByIds(ids)).map((user) => [user.id, user]));
  return ids.flatMap((id) => {
    const user = users.get(id);
    return user ? [toUserBadge(user)] : [];
  });
}
