import { z } from 'zod';
import { getSitemapPage, renderUrlSet, xmlResponse } from '@/lib/articles/sitemap';

export const dynamic = 'force-dynamic';

const fileSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}\.xml$/)
  .transform((file) => Number.parseInt(file, 10));

/** One page of the sitemap (/sitemaps/<n>.xml, n from 1), listed by /sitemap.xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const parsed = fileSchema.safeParse((await params).file);
  const urls = parsed.success ? await getSitemapPage(parsed.data) : null;
  return urls ? xmlResponse(renderUrlSet(urls)) : new Response('Not found', { status: 404 });
}
