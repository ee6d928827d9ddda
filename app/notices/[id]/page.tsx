import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { AppealForm } from '@/components/moderation/appeal-form';
import { FormMessage } from '@/components/ui/form-message';
import { pageViewer } from '@/lib/auth/page-viewer';
import { readNotice, type ModerationNotice } from '@/lib/moderation/read-notice';
import { formatDateTime } from '@/lib/util/format-date';

export const metadata: Metadata = {
  title: 'A moderators’ decision',
  robots: { index: false },
};

const DECISIONS: Record<ModerationNotice['action'], string> = {
  hide: 'The moderators hid it: nobody else sees it any more.',
  suspend: 'The moderators suspended your account for it.',
  dismiss: 'The moderators looked at reports about it and left it as it is.',
  restore: 'Your appeal was granted: it may be shown again.',
  'keep-hidden': 'Your appeal was refused: it stays hidden.',
};

/** For the item's author alone (anyone else: "not found"): what was decided, why, and the appeal. */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await pageViewer(`/notices/${id}`);
  if (!viewer) return <SignInUnavailable title="A moderators’ decision" />;
  const notice = await readNotice(viewer.user.id, id);
  if (!notice) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="font-serif text-3xl font-bold">A moderators’ decision</h1>
      <section aria-labelledby="item-heading" className="space-y-2">
        <h2 id="item-heading" className="font-serif text-xl font-semibold break-words">
          {notice.content.label}
        </h2>
        <blockquote className="max-h-60 overflow-auto border-l-4 border-line pl-3 whitespace-pre-line break-words">
          {notice.content.text || '(no text)'}
        </blockquote>
      </section>
      <p>{DECISIONS[notice.action]}</p>
      <p>
        <strong>Why:</strong> {notice.reason}
      </p>
      <p className="text-sm text-muted">Decided {formatDateTime(notice.at)}</p>
      {notice.appealPending ? (
        <FormMessage tone="success">
          Your appeal is with the moderators. You will be told what they decide.
        </FormMessage>
      ) : null}
      {notice.canAppeal ? (
        <section aria-labelledby="appeal-heading" className="space-y-3">
          <h2 id="appeal-heading" className="font-serif text-xl font-semibold">
            Appeal
          </h2>
          <AppealForm caseId={notice.caseId} />
        </section>
      ) : null}
      <p>
        <Link href="/notifications" className="text-accent underline">
          Back to your notifications
        </Link>
      </p>
    </div>
  );
}
