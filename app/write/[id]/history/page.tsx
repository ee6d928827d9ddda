import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { RevisionHistory } from '@/components/articles/history/revision-history';
import { compareRevision, listRevisions } from '@/lib/articles/revisions';
import { pageViewer } from '@/lib/auth/page-viewer';

export const metadata: Metadata = {
  title: 'History',
  description: 'Earlier versions of your article on Inkwell.',
};

/** The author's kept versions of an article (`?version=N` compares one); anyone else: not found. */
export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
}) {
  const { id } = await params;
  const { version } = await searchParams;
  const viewer = await pageViewer(`/write/${id}/history`);
  if (!viewer) return <SignInUnavailable title="History" />;
  const history = await listRevisions(viewer.user.id, id);
  if (!history.ok) notFound();
  const wanted =
    typeof version === 'string' && /^\d{1,9}$/.test(version)
      ? Number(version)
      : history.value.revisions[0]?.version;
  const chosen = wanted === undefined ? null : await compareRevision(viewer.user.id, id, wanted);
  return (
    <RevisionHistory
      history={history.value}
      chosen={chosen?.ok ? chosen.value : null}
      authorPath={`/u/${viewer.user.usernameKey}`}
    />
  );
}
