import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { ZipFile } from 'yazl';
import { connectDb } from '@/lib/db/connection';
import { gridFsBucket } from '@/lib/media/media-store';
import { listExportEntries } from './contents';
import { DataExportModel } from './model';
import { EXPORTS_BUCKET, exportFileName, deleteExportFiles } from './export-files';

export type BuildOutcome =
  { built: true; fileName: string; size: number } | { built: false; reason: string };

/**
 * Builds the zip of an export and streams it into GridFS as it is written: entries are opened
 * one at a time when the zip writer reaches them, and GridFS takes the output in 255 KiB chunks,
 * so neither the whole zip nor a whole list is ever in memory. A retry first deletes what an
 * earlier attempt left, so the export always ends with one complete file.
 */
export async function buildExportZip(exportId: string): Promise<BuildOutcome> {
  await connectDb();
  const row = await DataExportModel.findById(new Types.ObjectId(exportId)).lean();
  if (!row) return { built: false, reason: 'no such export' };
  if (row.status !== 'preparing') return { built: false, reason: `export is ${row.status}` };
  const fileName = exportFileName(exportId);
  await deleteExportFiles([fileName]);
  const entries = await listExportEntries(row.userId.toString());
  if (entries.length === 0) return { built: false, reason: 'no such account' };

  const zip = new ZipFile();
  const mtime = new Date();
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.name, { mtime }, (done) => {
      entry.open().then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, undefined as never),
      );
    });
  }
  zip.end();
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const bucket = await gridFsBucket(EXPORTS_BUCKET);
  const upload = bucket.openUploadStream(fileName, {
    metadata: { contentType: 'application/zip', exportId },
  });
  // An entry that fails to read fails the zip (and so this attempt), never a short file.
  const failed = new Promise<never>((_, reject) => zip.once('error', reject));
  failed.catch(() => undefined);
  try {
    await Promise.race([pipeline(zip.outputStream, count, upload), failed]);
  } catch (error) {
    upload.destroy();
    await deleteExportFiles([fileName]).catch(() => undefined);
    throw error;
  }
  return { built: true, fileName, size };
}
