import { describe, expect, it } from 'vitest';
import { IMAGE_XSS_PAYLOADS } from '@/e2e/support/xss-payloads';
import { absoluteUrls } from '../feed';
import { renderWithinLimits } from './pipeline';

const ARTICLE = 'a'.repeat(24);
const HASH = 'b'.repeat(20);
const OURS = `/media/images/${ARTICLE}/${HASH}-1200x800.webp`;

const IMG_ATTRIBUTES = [
  'src',
  'srcset',
  'sizes',
  'width',
  'height',
  'alt',
  'title',
  'loading',
  'decoding',
];
const OUR_RENDITION = /^\/media\/images\/[a-f0-9]{24}\/[a-f0-9]{20}-\d+x\d+(-\d+w)?\.webp( \d+w)?$/;

/** The tags of serialised HTML with their attributes (text is escaped, so `<` starts a tag). */
function tagsOf(out: string) {
  return [...out.matchAll(/<([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (match) => ({
      name: match[1] ?? '',
      attributes: [...(match[2] ?? '').matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/g)].map(
        (attribute) => [attribute[1] ?? '', attribute[2] ?? ''] as const,
      ),
    }),
  );
}

function html(markdown: string): string {
  const outcome = renderWithinLimits(markdown);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.value.html;
}

describe('images in rendered articles', () => {
  it('shows our own stored image with srcset, width, height and lazy loading', () => {
    const out = html(`![A lighthouse at dusk](${OURS} "The coast")`);
    const base = `/media/images/${ARTICLE}/${HASH}-1200x800`;
    expect(out).toBe(
      `<p><img src="${base}-960w.webp" srcset="${base}-480w.webp 480w, ${base}-960w.webp 960w, ${base}.webp 1200w" sizes="(min-width: 800px) 720px, 100vw" width="1200" height="800" alt="A lighthouse at dusk" title="The coast" loading="lazy" decoding="async"></p>`,
    );
  });

  it('makes no rendition wider than the image itself', () => {
    const out = html(`![small](/media/images/${ARTICLE}/${HASH}-300x200.webp)`);
    expect(out).toContain(`srcset="/media/images/${ARTICLE}/${HASH}-300x200.webp 300w"`);
    expect(out).toContain('width="300" height="200"');
  });

  it.each(IMAGE_XSS_PAYLOADS)(
    'keeps nothing of %s but our own image, with our attributes',
    (md) => {
      for (const { name, attributes } of tagsOf(html(md))) {
        for (const [attribute, value] of attributes) {
          expect(attribute).not.toMatch(/^on/);
          if (['href', 'src', 'srcset'].includes(attribute))
            expect(value).not.toMatch(/javascript:|data:|evil\.example/i);
        }
        if (name !== 'img') continue;
        // Whatever <img> remains is ours: only our media URLs, only the attributes we set.
        const names = attributes.map(([attribute]) => attribute);
        expect(names.every((attribute) => IMG_ATTRIBUTES.includes(attribute))).toBe(true);
        const urls = attributes
          .filter(([attribute]) => attribute === 'src' || attribute === 'srcset')
          .flatMap(([, value]) => value.split(', '));
        for (const url of urls) expect(url).toMatch(OUR_RENDITION);
      }
    },
  );

  it('counts our images without alt text, in the order the text has them', () => {
    const outcome = renderWithinLimits(
      `![first](${OURS})\n\n![](${OURS})\n\n![](https://elsewhere.example/x.png)\n\n> ![  ](${OURS})`,
    );
    expect(outcome.ok && outcome.value.imagesWithoutAlt).toEqual([2, 3]);
  });

  it('get absolute addresses where the HTML leaves the site (RSS)', () => {
    const out = absoluteUrls(
      html(`![A](${OURS})\n\nSee src="/media/images/ in the text.`),
      'https://ink.example/u/ada/a',
    );
    expect(out).toContain(`src="https://ink.example/media/images/${ARTICLE}/`);
    expect(out).toContain(`, https://ink.example/media/images/${ARTICLE}/`);
    expect(out.match(/<img [^>]*>/)?.[0]).not.toMatch(/="\/media|, \/media/);
    expect(out).toContain('See src="/media/images/ in the text.');
  });
});
