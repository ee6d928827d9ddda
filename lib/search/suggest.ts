import { articlePath } from '@/lib/articles/get-article-page';
import { hydrateCards } from '@/lib/articles/list-articles';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { QUERY_TIME_OPTION, searchSql, SearchUnavailable } from './engine';
import { queryWords } from './keys';
import { suggestQuerySchema } from './schemas';
import {
  peopleHits,
  peopleStatement,
  prefixQuery,
  SEARCH_UNAVAILABLE,
  tagsStatement,
} from './search';
import { viewerScope, visibleCards } from './viewer-scope';

export interface Suggestion {
  kind: 'person' | 'tag' | 'article';
  label: string;
  /** A second line: the person's @username, the tag's count, the article's author. */
  detail: string;
  href: string;
}

/**
 * As-you-type suggestions: people, tags and article titles whose words start with what was
 * typed, as `viewerId` may see them (the same filters and checks as the results page).
 */
export async function suggest(
  viewerId: string | null,
  input: unknown,
): Promise<Result<{ suggestions: Suggestion[] }>> {
  const parsed = parseInput(suggestQuerySchema, input);
  if (!parsed.ok) return parsed;
  const words = queryWords(parsed.value.q, 6);
  const prefix = prefixQuery(words);
  if (!prefix) return ok({ suggestions: [] });
  try {
    const scope = await viewerScope(viewerId);
    const [peopleRows = [], tagRows = [], titleRows = []] = await searchSql(
      [
        peopleStatement(words, scope, 4),
        tagsStatement(words, 3),
        `SELECT article_id, ${scope.visibleExpression} AS visible FROM articles WHERE MATCH(?) AND visible = 1${scope.authorFilter} ORDER BY WEIGHT() DESC, published DESC LIMIT 4 OPTION ${QUERY_TIME_OPTION}`,
      ].join('; '),
      [prefix, prefix, `@title ${prefix}`],
    );
    const people = (await peopleHits(peopleRows)).map<Suggestion>((person) => ({
      kind: 'person',
      label: person.displayName,
      detail: `@${person.username}`,
      href: `/u/${person.usernameKey}`,
    }));
    const tags = tagRows.map<Suggestion>((row) => ({
      kind: 'tag',
      label: `#${String(row.tag_name)}`,
      detail: `${Number(row.article_count)} ${Number(row.article_count) === 1 ? 'article' : 'articles'}`,
      href: `/t/${String(row.tag_name)}`,
    }));
    const cards = await visibleCards(
      await hydrateCards(titleRows.map((row) => String(row.article_id))),
      scope,
    );
    const articles = cards.map<Suggestion>(({ article, author }) => ({
      kind: 'article',
      label: article.title,
      detail: `by ${author.displayName}`,
      href: articlePath(author, article.slug),
    }));
    return ok({ suggestions: [...people, ...tags, ...articles] });
  } catch (error) {
    if (error instanceof SearchUnavailable) return fail('unavailable', SEARCH_UNAVAILABLE);
    throw error;
  }
}
