import type { ServerResponse } from 'node:http';
import { brotliEnding, compressOpen, gzipEnding } from './open-encodings';

/**
 * One kept copy of a page: what is known about it (the description) and its bytes in each
 * encoding a hit may send. Compressed once, when the page is kept, and left open: a hit picks a
 * variant and finishes it, after a tail for one reader if it has one (./open-encodings.ts).
 */
export type Encoding = 'br' | 'gzip' | 'identity';

const EMPTY = Buffer.alloc(0);

/** What is kept beside the HTML. */
export interface PageDescription {
  /** Current while every dependency's change stamp is older than this. */
  validFrom: number;
  dependencies: string[];
  /**
   * The birth of each stamp hash the dependencies fall in, when the page was stored: a hash
   * evicted since (cache Redis full) lost stamps, so the page is current only while they match.
   */
  stampBirths?: Record<string, string>;
  /** As Next sent them (Vary names Accept-Encoding too); per-response headers excluded. */
  headers: [string, string][];
  countViewOf: string | null;
  /** Byte length of each variant. */
  variants: Record<Encoding, number>;
  /** CRC-32 of the HTML, which finishing the open gzip variant continues. */
  gzipCrc: number;
}

export interface PageCopy {
  description: PageDescription;
  variants: Record<Encoding, Buffer>;
  /** All variants' bytes: what the copy costs in an instance's memory. */
  bytes: number;
}

/** The page's bytes in each encoding, compressed once (off the event loop) and left open. */
export async function compressPage(
  html: Buffer,
): Promise<{ variants: Record<Encoding, Buffer>; gzipCrc: number }> {
  const open = await compressOpen(html);
  return { variants: { identity: html, gzip: open.gzip, br: open.br }, gzipCrc: open.crc };
}

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * Kept as the description (JSON), a NUL, the HTML as it was sent, then the gzip and brotli bytes
 * in base64 (one Redis value, so a hit reads it whole or not at all). Base64 because every Redis
 * driver here carries text (Upstash's REST protocol is JSON): a third more for the compressed
 * variants only, decoded once when a copy enters an instance's memory. HTML text cannot contain a
 * NUL (JSON escapes one), and the description gives each variant's length.
 */
export function encodeCopy(description: PageDescription, variants: Record<Encoding, Buffer>) {
  return `${JSON.stringify(description)}\u0000${variants.identity.toString('utf8')}${variants.gzip.toString('base64')}${variants.br.toString('base64')}`;
}

export function decodeCopy(raw: Buffer): PageCopy | null {
  const separator = raw.indexOf(0);
  if (separator < 0) return null;
  const description = JSON.parse(raw.toString('utf8', 0, separator)) as PageDescription;
  const lengths = description.variants;
  if (!lengths) return null;
  const identityEnd = separator + 1 + lengths.identity;
  const gzipEnd = identityEnd + base64Length(lengths.gzip);
  const brEnd = gzipEnd + base64Length(lengths.br);
  if (brEnd !== raw.length) return null;
  // Copies: the client library may reuse the memory it read into.
  const variants = {
    identity: Buffer.from(raw.subarray(separator + 1, identityEnd)),
    gzip: Buffer.from(raw.toString('latin1', identityEnd, gzipEnd), 'base64'),
    br: Buffer.from(raw.toString('latin1', gzipEnd, brEnd), 'base64'),
  };
  if (variants.gzip.length !== lengths.gzip || variants.br.length !== lengths.br) return null;
  return {
    description,
    variants,
    bytes: variants.identity.length + variants.gzip.length + variants.br.length,
  };
}

/** `Vary` as Next set it, naming Accept-Encoding too (a hit's body depends on it). */
export function varyOnEncoding(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  const names = vary.split(',').map((name) => name.trim().toLowerCase());
  return names.includes('accept-encoding') || names.includes('*')
    ? vary
    : `${vary}, Accept-Encoding`;
}

function qualities(header: string): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (!coding) continue;
    const q = parameters.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    accepted.set(coding, Number.isFinite(quality) ? quality : 0);
  }
  return accepted;
}

// Browsers send a handful of distinct headers: each is parsed once (bounded, so a client
// varying it cannot grow the map).
const chosen = new Map<string, Encoding>();
const CHOSEN_LIMIT = 256;

/**
 * The variant to send for an Accept-Encoding header: the accepted coding of highest quality,
 * brotli before gzip on a tie; q=0 refuses a coding (and `*` stands for those not named);
 * identity when neither is accepted.
 */
export function chooseEncoding(header: string | string[] | undefined): Encoding {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const known = chosen.get(text);
  if (known) return known;
  const accepted = qualities(text);
  const quality = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  const br = quality('br');
  const gzipQuality = Math.max(quality('gzip'), accepted.get('x-gzip') ?? 0);
  const encoding: Encoding =
    br > 0 && br >= gzipQuality ? 'br' : gzipQuality > 0 ? 'gzip' : 'identity';
  if (chosen.size >= CHOSEN_LIMIT) chosen.clear();
  chosen.set(text, encoding);
  return encoding;
}

/**
 * The response body: the variant as kept, then what finishes it after `tail` (HTML for one
 * reader, or nothing).
 */
export function finishedVariant(
  copy: PageCopy,
  encoding: Encoding,
  tail: Buffer = EMPTY,
): [Buffer, Buffer] {
  const body = copy.variants[encoding];
  switch (encoding) {
    case 'identity':
      return [body, tail];
    case 'gzip':
      return [body, gzipEnding(tail, copy.description.gzipCrc, copy.variants.identity.length)];
    case 'br':
      return [body, brotliEnding(tail)];
  }
}

/**
 * Sends the variant as it is kept, finished after `tail`: the page's bytes are never compressed
 * or rewritten per hit. A response with a tail is for one reader: never stored by anyone.
 */
export function sendCopy(
  response: ServerResponse,
  copy: PageCopy,
  encoding: Encoding,
  tail: Buffer = EMPTY,
): void {
  for (const [name, value] of copy.description.headers) response.setHeader(name, value);
  if (tail.length > 0) response.setHeader('Cache-Control', 'private, no-store');
  if (encoding !== 'identity') response.setHeader('Content-Encoding', encoding);
  const [body, end] = finishedVariant(copy, encoding, tail);
  response.setHeader('Content-Length', body.length + end.length);
  response.writeHead(200);
  // One write for both (end() uncorks).
  response.cork();
  response.write(body);
  response.end(end);
}
