import { env } from '@/lib/config/env';
import { articleIndexes } from './cache';
import { articlePath } from './get-article-page';
import { hydrateCards, type ArticleCard } from './list-articles';

/** How many items a feed carries: the newest, each with its whole article. */
export const FEED_SIZE = 20;

function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`,
  );
}

/**
 * The newest public articles of a list (the site, an author, a tag), from the cached index and
 * cached article objects: a warm feed sends no MongoDB command.
 */
export async function feedCards(
  list: 'recent' | 'authorPublic' | 'tag',
  owner: string,
): Promise<ArticleCard[]> {
  const page = await articleIndexes[list].page(owner, FEED_SIZE);
  return (await hydrateCards(page.ids)).filter((card) => card.article.visibility === 'public');
}

/**
 * A feed reader shows an article away from its page: links and images written as paths
 * (`/media/…`, `/u/…`, `#notes`) are resolved against the article's address. Values that already
 * carry a scheme are left exactly as the sanitizer wrote them.
 */
export function absoluteUrls(html: string, pageUrl: string): string {
  const resolve = (value: string) => {
    // A scheme, or character references other than &amp; (rare): left as written.
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || /&(?!amp;)/.test(value)) return value;
    try {
      return new URL(value.replace(/&amp;/g, '&'), pageUrl).href.replace(/&/g, '&amp;');
    } catch {
      return value;
    }
  };
  return html
    .replace(
      /(\s(?:href|src)=")([^"]*)"/g,
      (_match, attribute: string, value: string) => `${attribute}${resolve(value)}"`,
    )
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_match, attribute: string, value: string) =>
        `${attribute}${value
          .split(',')
          .map((candidate) => {
            const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
            return [resolve(url), ...descriptor].join(' ');
          })
          .join(', ')}"`,
    );
}

/** RSS 2.0 with the full sanitised HTML of each article (public articles only), links absolute. */
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
    .slice(0, FEED_SIZE)
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
      <content:encoded>${escapeXml(absoluteUrls(article.html, link))}</content:encoded>
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

/** The feeds a page names in its `<link rel="alternate">` (Next's `alternates.types`). */
export function feedAlternates(path: string, title: string) {
  return { types: { 'application/rss+xml': [{ url: `${env().appUrl}${path}`, title }] } };
}
