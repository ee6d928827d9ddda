import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { RemoveSavedButton } from '@/components/reading-list/remove-saved-button';
import { EmptyState } from '@/components/ui/card';
import { articlePath } from '@/lib/articles/get-article-page';
import { pageViewer } from '@/lib/auth/page-viewer';
import { listSaved, type SavedCard } from '@/lib/reading-list/list-saved';
import { SAVED_CAP } from '@/lib/reading-list/cache';
import { formatDate } from '@/lib/util/format-date';

export const metadata: Metadata = {
  title: 'Saved',
  description: 'The articles you saved to read later on Inkwell. Only you see this list.',
};

/** A page of the reader's saved list starts before this time of saving (from "Earlier saved"). */
function beforeOf(raw: string | undefined): number | undefined {
  const value = Number(raw);
  return raw && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export default async function SavedPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const viewer = await pageViewer('/saved');
  if (!viewer) return <SignInUnavailable title="Saved" />;
  const before = beforeOf((await searchParams).before);
  const page = await listSaved(viewer.user.id, before);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="font-serif text-3xl font-bold">Saved</h1>
        <p className="text-muted">
          Articles you saved to read later, newest first. Only you see this list (up to{' '}
          {SAVED_CAP.toLocaleString('en')} articles).
        </p>
      </div>
      {page.cards.length === 0 ? (
        <EmptyState title={before ? 'No earlier saved articles.' : 'Nothing saved yet.'}>
          Use “Save” on an article to keep it here for later.
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-line rounded-xl border border-line bg-surface"
          aria-label="Saved articles"
        >
          {page.cards.map((card) => (
            <SavedItem key={card.article.id} card={card} />
          ))}
        </ul>
      )}
      {page.nextCursor !== null ? (
        <nav aria-label="Saved articles pages">
          <Link
            href={`/saved?before=${page.nextCursor}`}
            className="font-medium text-accent underline"
            rel="next"
          >
            Earlier saved articles
          </Link>
        </nav>
      ) : null}
    </div>
  );
}

/** One saved article: its title (a link), author, excerpt, when it was saved, and "Remove". */
function SavedItem({ card }: { card: SavedCard }) {
  const { article, author } = card;
  return (
    <li className="flex flex-col gap-3 p-4 [overflow-wrap:anywhere] sm:flex-row sm:items-start">
      <div className="min-w-0 flex-1 space-y-1">
        <h2 className="font-serif text-xl font-bold leading-snug">
          <Link href={articlePath(author, article.slug)} className="hover:underline">
            {article.title}
          </Link>
        </h2>
        <p className="text-sm text-muted">
          By{' '}
          <Link href={`/u/${author.usernameKey}`} className="font-medium text-ink hover:underline">
            {author.displayName}
          </Link>{' '}
          · Saved <time dateTime={card.savedAt}>{formatDate(card.savedAt)}</time>
        </p>
        {article.excerpt ? <p className="text-muted">{article.excerpt}</p> : null}
      </div>
      <RemoveSavedButton articleId={article.id} title={article.title} />
    </li>
  );
}
