import { sitemapDocument, xmlResponse } from '@/lib/articles/sitemap';

export const dynamic = 'force-dynamic';

/** The sitemap: the home page and every public article, or the index of its pages beyond 1,000. */
export async function GET() {
  return xmlResponse(await sitemapDocument());
}
