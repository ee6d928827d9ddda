import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import type { DashboardArticle } from '@/lib/articles/desk';
import { ViewsChart } from './views-chart';

function when(article: DashboardArticle) {
  if (article.status === 'scheduled')
    return (
      <>
        Scheduled for{' '}
        {article.scheduledFor ? <RelativeTime iso={article.scheduledFor} exact /> : null}
      </>
    );
  if (article.status === 'published')
    return <>Published {article.publishedAt ? <RelativeTime iso={article.publishedAt} /> : null}</>;
  return (
    <>
      Last saved <RelativeTime iso={article.updatedAt} />
    </>
  );
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** One of the author's articles: title, when, counts and the 30-day views chart. */
function DashboardEntry({
  article,
  days,
  authorPath,
}: {
  article: DashboardArticle;
  days: string[];
  authorPath: string;
}) {
  const title = article.title.trim() || 'Untitled draft';
  return (
    <li className="min-w-0 space-y-3 py-5 [overflow-wrap:anywhere]">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="font-serif text-xl font-bold leading-snug">
          {article.status === 'published' ? (
            <Link href={`${authorPath}/${article.slug}`} className="hover:underline">
              {title}
            </Link>
          ) : (
            title
          )}
        </h3>
        <Link
          href={`/write/${article.id}`}
          className="text-sm font-medium text-accent underline"
          aria-label={`Edit ${title}`}
        >
          Edit
        </Link>
      </div>
      <p className="text-sm text-muted">{when(article)}</p>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {(
          [
            [plural(article.views, 'View', 'Views'), article.views],
            [plural(article.likes, 'Like', 'Likes'), article.likes],
            [plural(article.comments, 'Comment', 'Comments'), article.comments],
          ] as const
        ).map(([name, count]) => (
          <div key={name} className="flex gap-1">
            <dt className="text-muted">{name}</dt>
            <dd className="font-semibold tabular-nums">{count}</dd>
          </div>
        ))}
      </dl>
      <ViewsChart id={`views-${article.id}`} title={title} days={days} views={article.dailyViews} />
    </li>
  );
}

/** A section of the dashboard: its heading, its articles, or what to do when it has none. */
export function DashboardSection({
  id,
  title,
  articles,
  days,
  authorPath,
  empty,
}: {
  id: string;
  title: string;
  articles: DashboardArticle[];
  days: string[];
  authorPath: string;
  empty: string;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {title} <span className="text-base font-normal text-muted">({articles.length})</span>
      </h2>
      {articles.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <ul className="divide-y divide-line" aria-label={title}>
          {articles.map((article) => (
            <DashboardEntry
              key={article.id}
              article={article}
              days={days}
              authorPath={authorPath}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
