import Link from 'next/link';
import { ArticleList, parseCursor } from '@/components/articles/article-list';
import { buttonClasses } from '@/components/ui/button';
import { listRecentArticles } from '@/lib/articles/list-articles';
import { getViewer } from '@/lib/sessions/get-viewer';

export const dynamic = 'force-dynamic';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const before = parseCursor((await searchParams).before);
  const [viewer, recent] = await Promise.all([getViewer(), listRecentArticles(before)]);
  return (
    <div className="space-y-10">
      {viewer.status === 'signed-in' ? (
        <section
          aria-labelledby="welcome"
          className="flex flex-wrap items-center justify-between gap-4"
        >
          <h1 id="welcome" className="font-serif text-3xl font-bold">
            Welcome back, {viewer.user.displayName}
          </h1>
          <Link href="/write" className={buttonClasses('primary')}>
            Write an article
          </Link>
        </section>
      ) : (
        <section aria-labelledby="welcome" className="max-w-2xl space-y-4">
          <h1 id="welcome" className="font-serif text-4xl font-bold tracking-tight sm:text-5xl">
            Stories from people you follow
          </h1>
          <p className="text-lg text-muted">
            Inkwell is a home for writing: publish articles, read your friends, and keep up with
            what they share.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link href="/signup" className={buttonClasses('primary', 'px-6 py-3 text-base')}>
              Start writing
            </Link>
            <Link href="/signin" className={buttonClasses('secondary', 'px-6 py-3 text-base')}>
              Sign in
            </Link>
          </div>
        </section>
      )}
      <section aria-labelledby="recent" className="space-y-2">
        <h2 id="recent" className="font-serif text-2xl font-semibold">
          Recent articles
        </h2>
        <ArticleList
          page={recent}
          label="Recent articles"
          basePath="/"
          empty="No articles yet."
          emptyHint="When authors publish, their newest articles appear here."
        />
      </section>
    </div>
  );
}
