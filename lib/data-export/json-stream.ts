import { Readable } from 'node:stream';

/**
 * A JSON array written as it is read: `batches` yields a few items at a time (from a MongoDB
 * cursor), so the export never holds a whole list. One item per line keeps it readable.
 */
export function jsonArrayStream<T>(batches: AsyncIterable<readonly T[]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    let first = true;
    yield '[';
    for await (const batch of batches) {
      for (const item of batch) {
        yield `${first ? '\n' : ',\n'}  ${JSON.stringify(item)}`;
        first = false;
      }
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(lines());
}

/** Reads a cursor (or any async iterable) in batches of `size`. */
export async function* inBatches<T>(source: AsyncIterable<T>, size = 100): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
