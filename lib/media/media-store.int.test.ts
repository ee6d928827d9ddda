import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/media/[...path]/route';
import { connectDb } from '@/lib/db/connection';
import { setUpTestStores } from '@/lib/testing/stores';
import { MEDIA_CHUNKS_PER_BATCH, putMediaFile } from './media-store';

setUpTestStores();

const CHUNK_BYTES = 255 * 1024;

/** Counts the GridFS chunk documents MongoDB has sent this process since it was started. */
async function countFetchedChunks(): Promise<{ fetched: () => number; stop: () => void }> {
  const client = (await connectDb()).connection.getClient();
  let fetched = 0;
  const listener = (event: mongoose.mongo.CommandSucceededEvent) => {
    const reply = event.reply as {
      cursor?: { ns?: string; firstBatch?: unknown[]; nextBatch?: unknown[] };
    };
    if (!reply.cursor?.ns?.endsWith('media.chunks')) return;
    fetched += (reply.cursor.firstBatch ?? reply.cursor.nextBatch ?? []).length;
  };
  client.on('commandSucceeded', listener);
  return { fetched: () => fetched, stop: () => client.off('commandSucceeded', listener) };
}

const mediaName = () =>
  `covers/${new mongoose.Types.ObjectId().toString()}/${randomBytes(10).toString('hex')}-1200.webp`;

const serve = (name: string) =>
  GET(new Request(`http://localhost/media/${name}`), {
    params: Promise.resolve({ path: name.split('/') }),
  });

describe('media route', () => {
  it('streams a 20 MB file intact, fetching chunks from MongoDB only as the client reads them', async () => {
    const name = mediaName();
    const data = randomBytes(20 * 1024 * 1024);
    await putMediaFile(name, data, 'image/webp');
    const chunks = await countFetchedChunks();
    try {
      const response = await serve(name);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('content-length')).toBe(String(data.byteLength));
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // The handler answered before reading the file: at most one batch of its chunks is fetched.
      expect(chunks.fetched()).toBeLessThanOrEqual(MEDIA_CHUNKS_PER_BATCH);

      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      const hash = createHash('sha256');
      let received = 0;
      let aheadAtMost = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        hash.update(value);
        received += value.byteLength;
        // Never more than a batch (plus the chunk being read) beyond what the client has taken.
        aheadAtMost = Math.max(aheadAtMost, chunks.fetched() - Math.ceil(received / CHUNK_BYTES));
      }
      expect(received).toBe(data.byteLength);
      expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
      expect(chunks.fetched()).toBe(Math.ceil(data.byteLength / CHUNK_BYTES));
      expect(aheadAtMost).toBeLessThanOrEqual(MEDIA_CHUNKS_PER_BATCH);
    } finally {
      chunks.stop();
    }
  });

  it('serves an empty file and answers 404 for a missing one', async () => {
    const empty = mediaName();
    await putMediaFile(empty, Buffer.alloc(0), 'image/webp');
    const response = await serve(empty);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('0');
    expect((await response.arrayBuffer()).byteLength).toBe(0);

    const missing = await serve(mediaName());
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect((await serve('covers/../../etc/passwd')).status).toBe(404);
  });
});
