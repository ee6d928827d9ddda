import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HotCopies } from './hot-copies';
import {
  chooseEncoding,
  compressPage,
  decodeCopy,
  encodeCopy,
  finishedVariant,
  varyOnEncoding,
  type PageCopy,
  type PageDescription,
} from './page-copy';

const html = Buffer.from(
  `<!DOCTYPE html><html><body>${'<p>Ünïcödé text, a page of some size ✓</p>'.repeat(500)}</body></html>`,
);

function description(variants: PageDescription['variants']): PageDescription {
  return {
    validFrom: Date.now(),
    dependencies: ['article:1'],
    stampBirths: { '{stamps:1}:changed': '1' },
    headers: [['content-type', 'text/html; charset=utf-8']],
    countViewOf: null,
    variants,
    gzipCrc: 0,
  };
}

/** The page compressed and kept as a hit reads it back. */
async function keptCopy(): Promise<PageCopy> {
  const { variants, gzipCrc } = await compressPage(html);
  const lengths = {
    identity: variants.identity.length,
    gzip: variants.gzip.length,
    br: variants.br.length,
  };
  const copy = decodeCopy(Buffer.from(encodeCopy({ ...description(lengths), gzipCrc }, variants)));
  expect(copy).not.toBeNull();
  return copy as PageCopy;
}

describe('a kept page is compressed once, in every encoding', () => {
  it('stores identity, gzip and brotli bytes that decode to exactly the page', async () => {
    const decoded = await keptCopy();
    const lengths = decoded.description.variants;
    expect(lengths.gzip).toBeLessThan(html.length / 5);
    expect(lengths.br).toBeLessThan(lengths.gzip);
    expect(decoded.variants.identity.equals(html)).toBe(true);
    expect(gunzipSync(Buffer.concat(finishedVariant(decoded, 'gzip'))).equals(html)).toBe(true);
    expect(brotliDecompressSync(Buffer.concat(finishedVariant(decoded, 'br'))).equals(html)).toBe(
      true,
    );
    expect(decoded.bytes).toBe(lengths.identity + lengths.gzip + lengths.br);
  });

  it('refuses a value whose lengths do not match (a truncated or foreign value)', async () => {
    const { variants } = await compressPage(html);
    const lengths = { identity: html.length, gzip: variants.gzip.length, br: variants.br.length };
    const encoded = Buffer.from(encodeCopy(description(lengths), variants));
    expect(decodeCopy(encoded.subarray(0, encoded.length - 4))).toBeNull();
    // A value kept before the variants existed: a miss, rendered again.
    expect(decodeCopy(Buffer.from(`{"validFrom":1,"headers":[]}\u0000<html></html>`))).toBeNull();
  });
});

describe('a hit may finish the kept bytes after a tail for one reader', () => {
  const tails = {
    nothing: '',
    'a short script': '<script type="application/json" id="reader-state">{"ü":"✓"}</script>',
    'more than one stored block or meta-block': `<p>${'x✓'.repeat(70_000)}</p>`,
  };
  it.each(Object.entries(tails))(
    '%s: every encoding decodes to the page, then the tail',
    async (_, text) => {
      const copy = await keptCopy();
      const tail = Buffer.from(text);
      const whole = Buffer.concat([html, tail]);
      expect(Buffer.concat(finishedVariant(copy, 'identity', tail)).equals(whole)).toBe(true);
      expect(gunzipSync(Buffer.concat(finishedVariant(copy, 'gzip', tail))).equals(whole)).toBe(
        true,
      );
      expect(
        brotliDecompressSync(Buffer.concat(finishedVariant(copy, 'br', tail))).equals(whole),
      ).toBe(true);
      // The kept bytes are sent as they are: only the ending is made per response.
      expect(finishedVariant(copy, 'br', tail)[0]).toBe(copy.variants.br);
    },
  );
});

describe('a hit sends the variant the client accepts', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['deflate', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['br;q=0, *', 'gzip'],
    ['identity', 'identity'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('says so in Vary, beside what Next varies on', () => {
    expect(varyOnEncoding(undefined)).toBe('Accept-Encoding');
    expect(varyOnEncoding('RSC, Next-Router-State-Tree')).toBe(
      'RSC, Next-Router-State-Tree, Accept-Encoding',
    );
    expect(varyOnEncoding('rsc, accept-encoding')).toBe('rsc, accept-encoding');
  });
});

describe('hot copies are bounded by their bytes', () => {
  const copy = (bytes: number): PageCopy => ({
    description: description({ identity: bytes, gzip: 0, br: 0 }),
    variants: { identity: Buffer.alloc(bytes), gzip: Buffer.alloc(0), br: Buffer.alloc(0) },
    bytes,
  });

  it('drops the least recently used copies beyond the bound, and never holds an oversized one', () => {
    const memory = new HotCopies(1_000);
    memory.set('a', copy(400));
    memory.set('b', copy(400));
    expect(memory.get('a')).toBeDefined(); // a is now the most recently used
    memory.set('c', copy(400));
    expect(memory.get('b')).toBeUndefined();
    expect(memory.get('a')).toBeDefined();
    expect(memory.get('c')).toBeDefined();
    expect(memory.usage()).toEqual({ copies: 2, bytes: 800 });
    memory.set('huge', copy(1_001));
    expect(memory.get('huge')).toBeUndefined();
    expect(memory.usage().bytes).toBeLessThanOrEqual(1_000);
    memory.set('a', copy(100)); // replacing a copy counts its new size only
    expect(memory.usage()).toEqual({ copies: 2, bytes: 500 });
    expect(new HotCopies(0).usage()).toEqual({ copies: 0, bytes: 0 });
  });
});
