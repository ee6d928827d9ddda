import { Card } from '@/components/ui/card';
import { latestDataExport } from '@/lib/data-export/latest-export';
import { DataExportPanel } from './data-export-panel';
import { UsernameForm } from './username-form';

/** The settings page's username and "your data" sections (issue 18). */
export async function AccountIdentitySections({
  username,
  userId,
}: {
  username: string;
  userId: string;
}) {
  const current = await latestDataExport(userId);
  return (
    <>
      <section aria-labelledby="settings-username" className="space-y-3">
        {/* Not "Username": the field alone carries that name (getByLabel, screen readers). */}
        <h2 id="settings-username" className="text-xl font-semibold">
          Profile address
        </h2>
        <Card>
          <UsernameForm username={username} />
        </Card>
      </section>
      <section aria-labelledby="settings-data" className="space-y-3">
        <h2 id="settings-data" className="text-xl font-semibold">
          Your data
        </h2>
        <Card>
          <DataExportPanel current={current} />
        </Card>
      </section>
    </>
  );
}
