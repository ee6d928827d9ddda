import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { ModeratorForm } from '@/components/moderation/moderator-form';
import { EmptyState } from '@/components/ui/card';
import { pageViewer } from '@/lib/auth/page-viewer';
import { listAudit } from '@/lib/moderation/list-audit';
import { formatDateTime } from '@/lib/util/format-date';

export const metadata: Metadata = {
  title: 'Audit log',
  description: 'Every moderation action: who, what, when and why.',
  robots: { index: false },
};

/** Admins only (anyone else: "not found"): the audit log, and naming moderators. */
export default async function AuditPage() {
  const viewer = await pageViewer('/moderation/audit');
  if (!viewer) return <SignInUnavailable title="Audit log" />;
  const audit = await listAudit(viewer);
  if (!audit.ok) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Audit log</h1>
      <section aria-labelledby="moderators-heading" className="space-y-3">
        <h2 id="moderators-heading" className="font-serif text-2xl font-semibold">
          Moderators
        </h2>
        <p className="text-muted">
          Grant or revoke the moderator role. Admins are named on the command line (
          <code>npm run admin</code>).
        </p>
        <ModeratorForm />
      </section>
      <section aria-labelledby="entries-heading" className="space-y-3">
        <h2 id="entries-heading" className="font-serif text-2xl font-semibold">
          Newest actions
        </h2>
        {audit.value.length === 0 ? (
          <EmptyState title="No action yet." />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Moderation actions, newest first</caption>
              <thead>
                <tr className="border-b border-line">
                  {['When', 'Who', 'What', 'Concerning', 'Why'].map((heading) => (
                    <th key={heading} scope="col" className="p-2">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {audit.value.map((line) => (
                  <tr key={line.id} className="border-b border-line align-top">
                    <td className="p-2 whitespace-nowrap">{formatDateTime(line.at)}</td>
                    <td className="p-2">{line.actor}</td>
                    <td className="p-2">
                      {line.action}
                      {line.until ? ` until ${formatDateTime(line.until)}` : ''}
                    </td>
                    <td className="p-2">
                      {line.subject} ({line.target})
                    </td>
                    <td className="p-2 break-words">{line.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
