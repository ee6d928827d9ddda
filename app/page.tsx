import Link from 'next/link';
import { StreamList } from '@/components/activity/stream-list';
import { ArticleList, parseCursor } from '@/components/articles/article-list';
import { buttonClasses } from '@/components/ui/button';
import { readStream } from '@/lib/activity/read-stream';
import { listRecentArticles } from '@/lib/articles/list-articles';
import { getViewer } from '@/lib/sessions/get-viewer';

export const dynamic = 'force-dynamic';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; streamBefore?: string }>;
}) {
  const params = await searchParams;
  const [viewer, recent] = await Promise.all([
    getViewer(),
    listRecentArticles(parseCursor(params.before)),
  ]);
  const stream =
    viewer.status === 'signed-in'
      ? await readStream(viewer.user.id, 20, parseCursor(params.streamBefore))
      : null;
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
      {stream ? (
        <section aria-labelledby="stream" className="space-y-2">
          <h2 id="stream" className="font-serif text-2xl font-semibold">
            From your friends
          </h2>
          <StreamList page={stream} />
        </section>
      ) : null}
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
