import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { StreamList } from '@/components/activity/stream-list';
import { ArticleList } from '@/components/articles/article-list';
import { buttonClasses } from '@/components/ui/button';
import { ListSkeleton } from '@/components/ui/skeleton';
import { isNewcomer } from '@/lib/accounts/newcomer';
import { readStream } from '@/lib/activity/read-stream';
import { feedAlternates } from '@/lib/articles/feed';
import { listRecentArticles } from '@/lib/articles/list-articles';
import { getViewer } from '@/lib/auth/get-viewer';
import { parseCursor } from '@/lib/util/cursor';

export const dynamic = 'force-dynamic';

export function generateMetadata(): Metadata {
  return { alternates: feedAlternates('/feed.xml', 'Inkwell (RSS)') };
}

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; streamBefore?: string }>;
}) {
  const params = await searchParams;
  const viewer = await getViewer();
  return (
    <div className="space-y-10">
      {viewer.status === 'signed-in' ? (
        <section
          aria-labelledby="welcome"
          className="flex flex-wrap items-center justify-between gap-4"
        >
          <h1 id="welcome" className="font-serif text-3xl font-bold">
            {isNewcomer(viewer.user.joinedAt, viewer.sessionBeganAtSignUp)
              ? `Welcome to Inkwell, ${viewer.user.displayName}`
              : `Welcome back, ${viewer.user.displayName}`}
          </h1>
          <Link href="/write" className={buttonClasses('primary')}>
            Write an article
          </Link>
        </section>
      ) : (
        <section aria-labelledby="welcome" className="max-w-2xl space-y-4">
          <h1 id="welcome" className="font-serif text-4xl font-bold tracking-tight sm:text-5xl">
            Latest stories
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
      {viewer.status === 'signed-in' ? (
        <section aria-labelledby="stream" className="space-y-2">
          <h2 id="stream" className="font-serif text-2xl font-semibold">
            From your friends
          </h2>
          <Suspense fallback={<ListSkeleton label="Loading your stream…" />}>
            <FriendsStream userId={viewer.user.id} before={parseCursor(params.streamBefore)} />
          </Suspense>
        </section>
      ) : null}
      <section aria-labelledby="recent" className="space-y-2">
        <h2 id="recent" className="font-serif text-2xl font-semibold">
          Recent articles
        </h2>
        <Suspense fallback={<ListSkeleton label="Loading recent articles…" />}>
          <RecentArticles before={parseCursor(params.before)} />
        </Suspense>
      </section>
    </div>
  );
}

/** Streamed in after the page's frame, so the header and welcome never wait for the lists. */
async function FriendsStream({ userId, before }: { userId: string; before?: number }) {
  return <StreamList page={await readStream(userId, 20, before)} />;
}

async function RecentArticles({ before }: { before?: number }) {
  return (
    <ArticleList
      page={await listRecentArticles(before)}
      label="Recent articles"
      basePath="/"
      empty="No articles yet."
      emptyHint="When authors publish, their newest articles appear here."
    />
  );
}
