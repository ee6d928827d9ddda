import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import type { MediaFile } from '@/lib/media/media-store';
import { openExportFile } from './export-files';
import { DataExportModel } from './model';

export interface ExportDownload {
  file: MediaFile;
  /** What the browser saves it as. */
  downloadName: string;
}

/**
 * The zip of export `exportId`, for `viewerId` only: null (a plain 404) for anyone but its owner,
 * for an id that names nothing, and for an export not ready or past its expiry, so the answer
 * never tells a stranger whether an export exists.
 */
export async function openExportDownload(
  viewerId: string,
  exportId: string,
  now = new Date(),
): Promise<ExportDownload | null> {
  if (!/^[a-f0-9]{24}$/.test(exportId)) return null;
  await connectDb();
  const row = await DataExportModel.findById(new Types.ObjectId(exportId)).lean();
  if (
    !row ||
    row.userId.toString() !== viewerId ||
    row.status !== 'ready' ||
    !row.fileName ||
    !row.expiresAt ||
    row.expiresAt <= now
  ) {
    return null;
  }
  const file = await openExportFile(row.fileName);
  if (!file) return null;
  const day = row.requestedAt.toISOString().slice(0, 10);
  return { file, downloadName: `inkwell-data-${day}.zip` };
}
