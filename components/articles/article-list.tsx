import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';
import type { ArticleListPage } from '@/lib/articles/list-articles';
import { ArticleCard } from './article-card';

/** A page of articles with a link to the next (older) page; `empty` when there is nothing yet. */
export function ArticleList({
  page,
  label,
  basePath,
  empty,
  emptyHint,
  headingLevel = 3,
}: {
  page: ArticleListPage;
  label: string;
  basePath: string;
  empty: string;
  emptyHint?: string;
  /** The level of each article's title: one below the heading above the list. */
  headingLevel?: 2 | 3;
}) {
  if (page.cards.length === 0) return <EmptyState title={empty}>{emptyHint}</EmptyState>;
  return (
    <div>
      <div role="feed" aria-label={label}>
        {page.cards.map((card) => (
          <ArticleCard key={card.article.id} card={card} headingLevel={headingLevel} />
        ))}
      </div>
      {page.nextCursor !== null ? (
        <nav aria-label={`${label} pages`} className="pt-4">
          <Link
            href={`${basePath}?before=${page.nextCursor}`}
            className="font-medium text-accent underline"
            rel="next"
          >
            Older articles
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
