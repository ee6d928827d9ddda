import { buildExportZip } from '@/lib/data-export/build-export';
import { dataExportRequested, dataExportsTrimRequested } from '@/lib/data-export/events';
import { markExportReady } from '@/lib/data-export/finish-export';
import { mailExportReady, notifyExportReady } from '@/lib/data-export/notify-export';
import { trimDataExports } from '@/lib/data-export/trim-exports';
import { inngest } from '@/lib/jobs/client';

/**
 * Builds a person's data export, one resumable step each: the zip (streamed into GridFS; a retry
 * rebuilds it from scratch after deleting what a failed attempt left), then marking it ready,
 * then the notification and the mail (each keyed by the export, so never twice). Each step
 * re-reads MongoDB: an export that is gone or ready already is left alone.
 */
export const buildDataExport = inngest.createFunction(
  {
    id: 'build-data-export',
    retries: 4,
    // One build of an export at a time: two attempts never write the same file.
    concurrency: { limit: 1, key: 'event.data.exportId' },
    triggers: [dataExportRequested],
  },
  async ({ event, step }) => {
    const { exportId } = event.data;
    const built = await step.run('build-zip', () => buildExportZip(exportId));
    if (!built.built) return { skipped: built.reason };
    const ready = await step.run('mark-ready', () =>
      markExportReady(exportId, built.fileName, built.size),
    );
    if (!ready) return { skipped: 'export no longer preparing' };
    await step.run('notify', () => notifyExportReady(exportId));
    await step.run('mail', () => mailExportReady(exportId));
    return { exportId, size: built.size, expiresAt: ready.expiresAt };
  },
);

/** Deletes exports past their 7 days (file, then record), and ones whose build gave up. */
export const trimDataExportsJob = inngest.createFunction(
  {
    id: 'trim-data-exports',
    retries: 4,
    concurrency: { limit: 1 },
    triggers: [{ cron: '*/60 * * * *' }, dataExportsTrimRequested],
  },
  async ({ step }) => {
    const now = await step.run('fix-now', () => Date.now());
    let deleted = 0;
    for (let batch = 0; batch < 20; batch += 1) {
      const count = await step.run(`trim-${batch}`, () => trimDataExports(new Date(now), 50));
      deleted += count;
      if (count < 50) break;
    }
    return { deleted };
  },
);
