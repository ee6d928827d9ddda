import { createHash } from 'node:crypto';

/**
 * The engine's document ids and filter values are 64-bit integers; ours are ObjectIds and tags.
 * A key is the first 63 bits of the value's SHA-256 (never 0, which the engine refuses as an id).
 * Every hit is checked again against MongoDB's truth before it is shown (search-articles.ts), so
 * even a collision could never show an article to someone who may not read it.
 */
export function searchKey(value: string): string {
  const digest = createHash('sha256').update(value).digest();
  const key = digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
  return (key === 0n ? 1n : key).toString();
}

/** Markers around a highlighted match in a snippet (Unicode private use: never in indexed text). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/** Text as the engine should index it: without our markers or control characters. */
export function indexableText(text: string): string {
  return text.replace(/[\uE000\uE001\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ');
}

/** The words of what someone typed (letters and digits only): the engine's query syntax never leaks in. */
export function queryWords(query: string, max = 10): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, max);
}

/** An integer list for IN(): keys are digits only, so nothing needs escaping. */
export function keyList(keys: readonly string[]): string {
  return keys.filter((key) => /^\d+$/.test(key)).join(',') || '0';
}
