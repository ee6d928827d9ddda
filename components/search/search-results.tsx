import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { RelativeTime } from '@/components/ui/relative-time';
import { articlePath } from '@/lib/articles/get-article-page';
import type { ArticleHit, SearchResults as Results } from '@/lib/search/search';
import type { SnippetPart } from '@/lib/search/snippet';

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="text-muted">
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded bg-accent/20 px-0.5 text-ink">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function ArticleResult({ hit }: { hit: ArticleHit }) {
  const { article, author } = hit;
  return (
    <li className="min-w-0 space-y-1 border-b border-line py-4 [overflow-wrap:anywhere] last:border-b-0">
      <h3 className="font-serif text-xl font-bold">
        <Link href={articlePath(author, article.slug)} className="hover:underline">
          {article.title}
        </Link>
      </h3>
      <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <Link href={`/u/${author.usernameKey}`} className="font-medium text-ink hover:underline">
          {author.displayName}
        </Link>
        {article.publishedAt ? <RelativeTime iso={article.publishedAt} /> : null}
        {article.visibility === 'friends' ? (
          <span className="rounded-full border border-line px-2 text-xs">Friends only</span>
        ) : null}
        {article.tags.map((tag) => (
          <Link key={tag} href={`/t/${tag}`} className="hover:underline">
            #{tag}
          </Link>
        ))}
      </p>
      <Snippet parts={hit.snippet} />
    </li>
  );
}

/** The link to another page of the same search (every filter kept). */
function pageHref(results: Results, page: number): string {
  const { q, tag, author, from, to } = results.query;
  const params = Object.entries({ q, tag, author, from, to }).flatMap(([key, value]) =>
    value ? [[key, value]] : [],
  );
  return `/search?${new URLSearchParams([...params, ['page', String(page)]]).toString()}`;
}

function Pagination({ results }: { results: Results }) {
  const { page, pages } = results.articles;
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between pt-4 text-sm">
      {page > 1 ? <Link href={pageHref(results, page - 1)}>Previous page</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={pageHref(results, page + 1)}>Next page</Link> : <span />}
    </nav>
  );
}

/** Results grouped by kind: people and tags first (short lists), then articles, paginated. */
export function SearchResults({ results }: { results: Results }) {
  const { articles, people, tags } = results;
  return (
    <div className="space-y-8">
      {people.length > 0 ? (
        <section aria-labelledby="people-results" className="space-y-2">
          <h2 id="people-results" className="text-lg font-bold">
            People
          </h2>
          <ul className="flex flex-wrap gap-4">
            {people.map((person) => (
              <li key={person.id}>
                <Link href={`/u/${person.usernameKey}`} className="flex items-center gap-2">
                  <Avatar user={person} size={32} decorative />
                  <span>
                    <span className="font-medium">{person.displayName}</span>{' '}
                    <span className="text-sm text-muted">@{person.username}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {tags.length > 0 ? (
        <section aria-labelledby="tag-results" className="space-y-2">
          <h2 id="tag-results" className="text-lg font-bold">
            Tags
          </h2>
          <ul className="flex flex-wrap gap-2">
            {tags.map(({ tag, articleCount }) => (
              <li key={tag}>
                <Link href={`/t/${tag}`} className="rounded-full bg-page px-2 py-0.5">
                  #{tag} <span className="text-sm text-muted">({articleCount})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="article-results" className="space-y-2">
        <h2 id="article-results" className="text-lg font-bold">
          Articles ({articles.total})
        </h2>
        {articles.hits.length > 0 ? (
          <ol>
            {articles.hits.map((hit) => (
              <ArticleResult key={hit.article.id} hit={hit} />
            ))}
          </ol>
        ) : (
          <p className="text-muted">No articles found.</p>
        )}
        <Pagination results={results} />
      </section>
    </div>
  );
}
