import mongoose from 'mongoose';
import { connectDb } from '@/lib/db/connection';

/**
 * Uploaded media lives in MongoDB (GridFS), never on an instance's disk, so every instance
 * serves every file.
 */
async function bucket(bucketName = 'media'): Promise<mongoose.mongo.GridFSBucket> {
  const connected = await connectDb();
  const db = connected.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName });
}

/** A GridFS bucket other than the media's (data exports), for the domain that owns it. */
export function gridFsBucket(bucketName: string): Promise<mongoose.mongo.GridFSBucket> {
  return bucket(bucketName);
}

/** GridFS's own indexes (the driver also creates them before a first upload). For migrations. */
export async function ensureMediaIndexes(): Promise<void> {
  const db = (await connectDb()).connection.db;
  if (!db) throw new Error('database not connected');
  await db.collection('media.files').createIndex({ filename: 1, uploadDate: 1 });
  await db.collection('media.chunks').createIndex({ files_id: 1, n: 1 }, { unique: true });
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

/** A stored file on its way to a client: read from GridFS a few chunks at a time, never whole. */
export interface MediaFile {
  body: ReadableStream<Uint8Array>;
  length: number;
  contentType: string;
}

/**
 * GridFS chunks fetched per round trip (255 KiB each by default): what one response holds in
 * memory at most, instead of the whole file. The driver's own download stream asks for 101 chunks
 * (up to 16 MiB) at once, so the chunks are read here, in order, with a small batch.
 */
export const MEDIA_CHUNKS_PER_BATCH = 4;

interface MediaChunk {
  files_id: mongoose.mongo.ObjectId;
  n: number;
  data: mongoose.mongo.Binary | Uint8Array;
}

/**
 * Opens a stored file as a stream of its bytes, pulled from MongoDB only as fast as the client
 * reads. Null when there is no such file (or it was deleted before its first chunk was read).
 */
export function openMediaFile(filename: string): Promise<MediaFile | null> {
  return openStoredFile('media', filename);
}

/** `openMediaFile` for a file of another bucket. */
export async function openStoredFile(
  bucketName: string,
  filename: string,
): Promise<MediaFile | null> {
  const media = await bucket(bucketName);
  const db = (await connectDb()).connection.db;
  if (!db) throw new Error('database not connected');
  const [file] = await media.find({ filename }).limit(1).toArray();
  if (!file) return null;
  const chunks = db
    .collection<MediaChunk>(`${bucketName}.chunks`)
    .find({ files_id: file._id }, { sort: { n: 1 }, batchSize: MEDIA_CHUNKS_PER_BATCH });
  const first = await chunks.next();
  if (!first && file.length > 0) return null;
  let pending: MediaChunk | null = first;
  let expected = 0;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = pending ?? (await chunks.next());
          pending = null;
          if (!chunk) {
            await chunks.close();
            // A file deleted or replaced while it was being sent: end with an error, not short.
            if (sent !== file.length) controller.error(new Error(`media ${filename} incomplete`));
            else controller.close();
            return;
          }
          if (chunk.n !== expected) throw new Error(`media ${filename} chunk ${expected} missing`);
          expected += 1;
          const bytes = chunk.data instanceof Uint8Array ? chunk.data : chunk.data.buffer;
          sent += bytes.byteLength;
          controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch (error) {
          await chunks.close().catch(() => undefined);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.close();
      },
    },
    // Pull one chunk at a time, when the client has taken the previous one.
    { highWaterMark: 0 },
  );
  const contentType = (file.metadata as { contentType?: string } | undefined)?.contentType;
  return { body, length: file.length, contentType: contentType ?? 'application/octet-stream' };
}

export async function deleteMediaFiles(filenames: readonly string[]): Promise<void> {
  if (filenames.length === 0) return;
  const media = await bucket();
  const files = await media.find({ filename: { $in: [...filenames] } }).toArray();
  await Promise.all(files.map((file) => media.delete(file._id)));
}

/**
 * Deletes every file whose name starts with `folder` (an owner's folder, `avatars/<id>/`), even
 * renditions no document points at any more. `folder` is built from our own names, never input.
 */
export async function deleteMediaFolder(folder: string): Promise<number> {
  const media = await bucket();
  const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const files = await media.find({ filename: { $regex: `^${escaped}` } }).toArray();
  await Promise.all(files.map((file) => media.delete(file._id)));
  return files.length;
}

/** Stored files whose names start with `folder`, with when each was stored. */
export async function listMediaFolder(
  folder: string,
): Promise<{ filename: string; uploadDate: Date }[]> {
  const media = await bucket();
  const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const files = await media
    .find({ filename: { $regex: `^${escaped}` } }, { projection: { filename: 1, uploadDate: 1 } })
    .toArray();
  return files.map((file) => ({ filename: file.filename, uploadDate: file.uploadDate }));
}
