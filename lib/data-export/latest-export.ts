import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { DataExportModel, EXPORT_GIVE_UP_HOURS, type DataExport } from './model';
import { dataExportPath } from './paths';

/** What the settings page shows of a person's export. */
export interface DataExportView {
  id: string;
  status: 'preparing' | 'ready';
  requestedAt: string;
  /** Ready: the download link, until `expiresAt`. */
  downloadPath: string | null;
  expiresAt: string | null;
  size: number | null;
}

export function describeExport(row: DataExport): DataExportView {
  const ready = row.status === 'ready';
  return {
    id: row._id.toString(),
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    downloadPath: ready ? dataExportPath(row._id.toString()) : null,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    size: row.size,
  };
}

/** The person's newest export still in use: preparing, or ready and not yet expired. */
export async function latestDataExport(
  userId: string,
  now = new Date(),
): Promise<DataExportView | null> {
  await connectDb();
  const row = await DataExportModel.findOne({ userId: new Types.ObjectId(userId) })
    .sort({ requestedAt: -1 })
    .lean();
  if (!row) return null;
  if (row.status === 'ready' && row.expiresAt && row.expiresAt > now) return describeExport(row);
  const givenUp = row.requestedAt.getTime() + EXPORT_GIVE_UP_HOURS * 3_600_000 < now.getTime();
  return row.status === 'preparing' && !givenUp ? describeExport(row) : null;
}
