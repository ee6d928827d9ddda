import { env } from '@/lib/config/env';
import { globalSingleton } from '@/lib/util/global-singleton';
import type { PageCopy } from './page-copy';

/**
 * Copies of anonymous pages kept in this instance's memory, so that a hit reads no page from
 * Redis: least recently used first out, bounded by their bytes. Nothing here is trusted on its
 * own: a copy is served only after the same stamp check as a copy read from Redis, and dropped
 * when it fails it (lib/page-cache/page-cache.ts). So an instance holds nothing the stamps do not
 * prove current, and one that restarts or never saw a page only reads it from Redis once.
 */
export class HotCopies {
  private readonly copies = new Map<string, PageCopy>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): PageCopy | undefined {
    const copy = this.copies.get(key);
    if (copy) {
      // Most recently used last: Map keeps insertion order.
      this.copies.delete(key);
      this.copies.set(key, copy);
    }
    return copy;
  }

  set(key: string, copy: PageCopy): void {
    this.delete(key);
    if (copy.bytes > this.maxBytes) return;
    this.copies.set(key, copy);
    this.bytes += copy.bytes;
    for (const [oldest, old] of this.copies) {
      if (this.bytes <= this.maxBytes) break;
      this.copies.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const copy = this.copies.get(key);
    if (!copy) return;
    this.copies.delete(key);
    this.bytes -= copy.bytes;
  }

  /** How many copies and bytes are held. */
  usage(): { copies: number; bytes: number } {
    return { copies: this.copies.size, bytes: this.bytes };
  }

  clear(): void {
    this.copies.clear();
    this.bytes = 0;
  }
}

/** This instance's hot copies (PAGE_CACHE_MEMORY_MB; 0 keeps none). */
export function hotCopies(): HotCopies {
  return globalSingleton(
    'pageHotCopies',
    () => new HotCopies(env().PAGE_CACHE_MEMORY_MB * 1024 * 1024),
  );
}
