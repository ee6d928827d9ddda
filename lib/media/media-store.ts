import mongoose from 'mongoose';
import { connectDb } from '@/lib/db/connection';

/**
 * Uploaded media lives in MongoDB (GridFS), never on an instance's disk, so every instance
 * serves every file.
 */
async function bucket(): Promise<mongoose.mongo.GridFSBucket> {
  const connected = await connectDb();
  const db = connected.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: 'media' });
}

export async function putMediaFile(
  filename: string,
  data: Buffer,
  contentType: string,
): Promise<void> {
  const media = await bucket();
  const existing = await media.find({ filename }).limit(1).toArray();
  if (existing.length > 0) return;
  await new Promise<void>((resolve, reject) => {
    const upload = media.openUploadStream(filename, { metadata: { contentType } });
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(data);
  });
}

export interface MediaFile {
  data: Buffer;
  contentType: string;
}

export async function getMediaFile(filename: string): Promise<MediaFile | null> {
  const media = await bucket();
  const [file] = await media.find({ filename }).limit(1).toArray();
  if (!file) return null;
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    media
      .openDownloadStream(file._id)
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .once('end', () => resolve())
      .once('error', reject);
  });
  const contentType = (file.metadata as { contentType?: string } | undefined)?.contentType;
  return { data: Buffer.concat(chunks), contentType: contentType ?? 'application/octet-stream' };
}

export async function deleteMediaFiles(filenames: readonly string[]): Promise<void> {
  if (filenames.length === 0) return;
  const media = await bucket();
  const files = await media.find({ filename: { $in: [...filenames] } }).toArray();
  await Promise.all(files.map((file) => media.delete(file._id)));
}
