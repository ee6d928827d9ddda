import { connectDb } from '@/lib/db/connection';
import { deleteExportFiles, exportFileName } from './export-files';
import { DataExportModel, EXPORT_GIVE_UP_HOURS } from './model';

/**
 * Deletes up to `limit` exports that are over: ready ones past their expiry, and ones still
 * preparing after EXPORT_GIVE_UP_HOURS (their job gave up). The file goes first, then the
 * record, so a run cut short leaves the record for the next run; both deletions tolerate what
 * is gone already. Returns how many records were deleted.
 */
export async function trimDataExports(now: Date, limit: number): Promise<number> {
  await connectDb();
  const givenUp = new Date(now.getTime() - EXPORT_GIVE_UP_HOURS * 3_600_000);
  const rows = await DataExportModel.find(
    {
      $or: [
        { status: 'ready', expiresAt: { $lte: now } },
        { status: 'preparing', requestedAt: { $lte: givenUp } },
      ],
    },
    { _id: 1, status: 1, expiresAt: 1, requestedAt: 1 },
  )
    .limit(limit)
    .lean();
  if (rows.length === 0) return 0;
  await deleteExportFiles(rows.map((row) => exportFileName(row._id.toString())));
  const deleted = await DataExportModel.deleteMany({
    _id: { $in: rows.map((row) => row._id) },
    // Re-checked: nothing that became current meanwhile is deleted.
    $or: [
      { status: 'ready', expiresAt: { $lte: now } },
      { status: 'preparing', requestedAt: { $lte: givenUp } },
    ],
  });
  return deleted.deletedCount;
}
