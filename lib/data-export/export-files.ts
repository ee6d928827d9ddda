import { gridFsBucket, openStoredFile, type MediaFile } from '@/lib/media/media-store';

/** Zips of data exports: a GridFS bucket of their own, never served by /media. */
export const EXPORTS_BUCKET = 'exports';

export function exportFileName(exportId: string): string {
  return `${exportId}.zip`;
}

export function openExportFile(fileName: string): Promise<MediaFile | null> {
  return openStoredFile(EXPORTS_BUCKET, fileName);
}

/** Deletes every stored file of these names (a failed attempt may have left a partial one). */
export async function deleteExportFiles(fileNames: readonly string[]): Promise<void> {
  if (fileNames.length === 0) return;
  const bucket = await gridFsBucket(EXPORTS_BUCKET);
  const files = await bucket.find({ filename: { $in: [...fileNames] } }).toArray();
  await Promise.all(files.map((file) => bucket.delete(file._id)));
}
