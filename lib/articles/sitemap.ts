import { randomUUID } from 'node:crypto';
import { readThrough } from '@/lib/cache/cache-aside';
import { env } from '@/lib/config/env';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/users/cache';
import { articleKeys } from './cache';
import { articlePath } from './get-article-page';
import { ArticleModel } from './models';

/** Articles per sitemap page; with more public articles than this, /sitemap.xml is an index. */
export const SITEMAP_PAGE_SIZE = 1_000;
const SITEMAP_TTL_SECONDS = 24 * 60 * 60;

/** How many public articles there are, in how many pages, and the version of those pages. */
interface SitemapOutline {
  version: string;
  total: number;
  pages: number;
}

/** A page's articles, by author id (the address is built with the author's current name). */
interface SitemapEntry {
  authorId: string;
  slug: string;
  lastModified: string;
}

export interface SitemapUrl {
  url: string;
  lastModified?: string;
}

const PUBLIC_PUBLISHED = { status: 'published', visibility: 'public' } as const;

/**
 * The outline, a cached object: a change to the set of public articles drops it (lib/articles/
 * cache.ts, syncArticleIndexes), and the rebuild names a new version, so the pages of the old
 * outline are never read again.
 */
export function getSitemapOutline(): Promise<SitemapOutline | null> {
  return readThrough<SitemapOutline>({
    kind: 'article',
    key: articleKeys.sitemapOutline,
    ttlSeconds: SITEMAP_TTL_SECONDS,
    load: async () => {
      await connectDb();
      const total = await ArticleModel.countDocuments(PUBLIC_PUBLISHED);
      return {
        version: randomUUID(),
        total,
        pages: Math.max(1, Math.ceil(total / SITEMAP_PAGE_SIZE)),
      };
    },
  });
}

/**
 * One page of the sitemap (1-based), oldest articles first so a new publication only grows the
 * last page: at most SITEMAP_PAGE_SIZE articles, one cached object (a miss is one MongoDB query),
 * and the authors' cached objects. Null for a page beyond the outline.
 */
export async function getSitemapPage(page: number): Promise<SitemapUrl[] | null> {
  const outline = await getSitemapOutline();
  if (!outline || !Number.isInteger(page) || page < 1 || page > outline.pages) return null;
  const entries =
    (await readThrough<SitemapEntry[]>({
      kind: 'article',
      key: articleKeys.sitemapPage(outline.version, page),
      ttlSeconds: SITEMAP_TTL_SECONDS,
      load: async () => {
        await connectDb();
        const rows = await ArticleModel.find(PUBLIC_PUBLISHED, {
          authorId: 1,
          slug: 1,
          updatedAt: 1,
        })
          .sort({ publishedAt: 1, _id: 1 })
          .skip((page - 1) * SITEMAP_PAGE_SIZE)
          .limit(SITEMAP_PAGE_SIZE)
          .lean();
        return rows.map((row) => ({
          authorId: row.authorId.toString(),
          slug: row.slug,
          lastModified: row.updatedAt.toISOString(),
        }));
      },
    })) ?? [];
  const authors = new Map(
    (await getUsersByIds(entries.map((entry) => entry.authorId))).map((user) => [user.id, user]),
  );
  const base = env().appUrl;
  const urls = entries.flatMap((entry) => {
    const author = authors.get(entry.authorId);
    // An author being deleted is gone from every list at once, the sitemap included.
    return author
      ? [{ url: `${base}${articlePath(author, entry.slug)}`, lastModified: entry.lastModified }]
      : [];
  });
  return page === 1 ? [{ url: `${base}/` }, ...urls] : urls;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderUrlSet(urls: SitemapUrl[]): string {
  const items = urls.map(
    ({ url, lastModified }) =>
      `  <url><loc>${escapeXml(url)}</loc>${lastModified ? `<lastmod>${lastModified}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.join('\n')}
</urlset>
`;
}

/** The index of the paged sitemaps: /sitemaps/1.xml … /sitemaps/N.xml. */
export function renderSitemapIndex(pages: number): string {
  const base = env().appUrl;
  const items = Array.from(
    { length: pages },
    (_, index) =>
      `  <sitemap><loc>${escapeXml(`${base}/sitemaps/${index + 1}.xml`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.join('\n')}
</sitemapindex>
`;
}

/**
 * /sitemap.xml: the one page itself while every public article fits in it, else the index of the
 * pages. Each answer reads the outline and at most one page.
 */
export async function sitemapDocument(): Promise<string> {
  const outline = await getSitemapOutline();
  if (outline && outline.pages > 1) return renderSitemapIndex(outline.pages);
  return renderUrlSet((await getSitemapPage(1)) ?? []);
}

export function xmlResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  });
}
