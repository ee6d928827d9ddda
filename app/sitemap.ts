import type { MetadataRoute } from 'next';
import { articlePath } from '@/lib/articles/get-article-page';
import { hydrateCards } from '@/lib/articles/list-articles';
import { articleIndexes } from '@/lib/articles/cache';
import { env } from '@/lib/config/env';

export const dynamic = 'force-dynamic';

/** The home page and the newest public articles (from the cached index). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().appUrl;
  const page = await articleIndexes.recent.page('all', 1_000);
  const cards = await hydrateCards(page.ids);
  return [
    { url: `${base}/`, changeFrequency: 'hourly', priority: 1 },
    ...cards.map(({ article, author }) => ({
      url: `${base}${articlePath(author, article.slug)}`,
      lastModified: article.updatedAt,
      changeFrequency: 'weekly' as const,
      priority: 0.7,
    })),
  ];
}
