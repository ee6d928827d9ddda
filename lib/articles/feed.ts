import { env } from '@/lib/config/env';
import { articlePath } from './get-article-page';
import { withAbsoluteImageUrls } from './render/images';
import type { ArticleCard } from './list-articles';

function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`,
  );
}

/** RSS 2.0 with the full sanitised HTML of each article (public articles only). */
export function renderRssFeed({
  title,
  description,
  path,
  cards,
}: {
  title: string;
  description: string;
  path: string;
  cards: ArticleCard[];
}): string {
  const base = env().appUrl;
  const items = cards
    .filter((card) => card.article.visibility === 'public')
    .map(({ article, author }) => {
      const link = `${base}${articlePath(author, article.slug)}`;
      return `    <item>
      <title>${escapeXml(article.title)}</title>
      <link>${escapeXml(link)}</link>
      <guid isPermaLink="false">${article.id}</guid>
      <pubDate>${new Date(article.publishedAt ?? article.updatedAt).toUTCString()}</pubDate>
      <dc:creator>${escapeXml(author.displayName)}</dc:creator>
${article.tags.map((tag) => `      <category>${escapeXml(tag)}</category>`).join('\n')}
      <description>${escapeXml(article.excerpt)}</description>
      <content:encoded>${escapeXml(withAbsoluteImageUrls(article.html, base))}</content:encoded>
    </item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(`${base}${path.replace(/\/feed\.xml$/, '') || '/'}`)}</link>
    <description>${escapeXml(description)}</description>
    <atom:link href="${escapeXml(`${base}${path}`)}" rel="self" type="application/rss+xml" />
    <language>en</language>
${items}
  </channel>
</rss>
`;
}

export function rssResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  });
}
