import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { RelativeTime } from '@/components/ui/relative-time';
import { articlePath } from '@/lib/articles/get-article-page';
import type { ArticleCard as Card } from '@/lib/articles/list-articles';

/** An article in a list: title, excerpt, author, date, reading time and tags. */
export function ArticleCard({ card, headingLevel = 3 }: { card: Card; headingLevel?: 2 | 3 }) {
  const { article, author } = card;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="min-w-0 space-y-2 border-b border-line py-6 [overflow-wrap:anywhere] last:border-b-0">
      <div className="flex items-center gap-2 text-sm text-muted">
        <Avatar user={author} size={24} decorative />
        <Link href={`/u/${author.usernameKey}`} className="font-medium text-ink hover:underline">
          {author.displayName}
        </Link>
        <span aria-hidden="true">·</span>
        {article.publishedAt ? <RelativeTime iso={article.publishedAt} /> : null}
        {article.visibility === 'friends' ? (
          <span className="rounded-full border border-line px-2 text-xs">Friends only</span>
        ) : null}
      </div>
      <Heading className="font-serif text-2xl font-bold leading-snug">
        <Link href={articlePath(author, article.slug)} className="hover:underline">
          {article.title}
        </Link>
      </Heading>
      {article.excerpt ? <p className="text-muted">{article.excerpt}</p> : null}
      <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <span>{article.readingMinutes} min read</span>
        {article.tags.map((tag) => (
          <Link
            key={tag}
            href={`/t/${tag}`}
            className="rounded-full bg-page px-2 py-0.5 hover:underline"
          >
            #{tag}
          </Link>
        ))}
      </p>
    </article>
  );
}
