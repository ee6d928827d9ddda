import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { CaseActions } from '@/components/moderation/case-actions';
import { EmptyState } from '@/components/ui/card';
import { pageViewer } from '@/lib/auth/page-viewer';
import { listQueue, type QueueEntry } from '@/lib/moderation/list-queue';
import { formatDate } from '@/lib/util/format-date';

export const metadata: Metadata = {
  title: 'Moderation queue',
  description: 'Reports and appeals waiting for a moderator.',
  robots: { index: false },
};

const REASON_LABELS = {
  spam: 'spam',
  harassment: 'harassment',
  illegal: 'illegal content',
  other: 'other',
} as const;

function reasonsOf(entry: QueueEntry): string {
  return Object.entries(entry.reasons)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${REASON_LABELS[reason as keyof typeof REASON_LABELS]} (${count})`)
    .join(', ');
}

/** Moderators only: anyone else gets "not found", never the queue. Rendered for one person. */
export default async function ModerationPage() {
  const viewer = await pageViewer('/moderation');
  if (!viewer) return <SignInUnavailable title="Moderation queue" />;
  const queue = await listQueue(viewer);
  if (!queue.ok) notFound();
  const { entries, role } = queue.value;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">Moderation queue</h1>
        {role === 'admin' ? (
          <Link href="/moderation/audit" className="font-medium text-accent underline">
            Audit log and moderators
          </Link>
        ) : null}
      </div>
      <p className="text-muted">Open reports and appeals, oldest first.</p>
      {entries.length === 0 ? (
        <EmptyState title="Nothing to review.">New reports will show up here.</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Reports and appeals">
          {entries.map((entry) => (
            <QueueItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </div>
  );
}

function QueueItem({ entry }: { entry: QueueEntry }) {
  const headingId = `case-${entry.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="space-y-3 rounded-xl border border-line bg-surface p-4"
      >
        <h2 id={headingId} className="font-serif text-xl font-semibold break-words">
          {entry.status === 'appealed' ? 'Appeal: ' : ''}
          {entry.content.label}
        </h2>
        <p className="text-sm text-muted">
          {entry.status === 'appealed'
            ? `Appealed ${formatDate(entry.appeal?.at ?? entry.openedAt)}`
            : `${entry.reportCount === 1 ? '1 report' : `${entry.reportCount} reports`}: ${reasonsOf(entry)} · first ${formatDate(entry.openedAt)}`}
        </p>
        <blockquote className="max-h-60 overflow-auto border-l-4 border-line pl-3 whitespace-pre-line break-words">
          {entry.content.text || '(no text)'}
        </blockquote>
        {entry.content.path ? (
          <p>
            <Link href={entry.content.path} className="text-accent underline">
              Open where it is shown
            </Link>
          </p>
        ) : null}
        {entry.notes.length > 0 ? (
          <div>
            <h3 className="font-semibold">Reporters’ notes</h3>
            <ul className="list-disc pl-5">
              {entry.notes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {entry.appeal ? (
          <div>
            <h3 className="font-semibold">The author’s appeal</h3>
            <p className="whitespace-pre-line">{entry.appeal.text}</p>
            <p className="text-sm text-muted">Hidden because: {entry.hiddenBecause}</p>
          </div>
        ) : null}
        <AuthorHistoryLine entry={entry} />
        <CaseActions caseId={entry.id} appealed={entry.status === 'appealed'} />
      </article>
    </li>
  );
}

function AuthorHistoryLine({ entry }: { entry: QueueEntry }) {
  const author = entry.author;
  if (!author) return <p className="text-sm text-muted">Its author’s account is gone.</p>;
  return (
    <div>
      <h3 className="font-semibold">Author’s history</h3>
      <p className="text-sm">
        <Link href={`/u/${author.username.toLowerCase()}`} className="underline">
          {author.displayName} (@{author.username})
        </Link>
        , joined {formatDate(author.joinedAt)}: {author.hidden} hidden before, suspended{' '}
        {author.suspended} times, {author.dismissed} reports dismissed
        {author.suspendedUntil ? `; suspended until ${formatDate(author.suspendedUntil)}` : ''}.
      </p>
    </div>
  );
}
