import { renderRssFeed, rssResponse } from '@/lib/articles/feed';
import { listRecentArticles } from '@/lib/articles/list-articles';

export const dynamic = 'force-dynamic';

/** The site's RSS feed: the newest public articles. */
export async function GET() {
  const page = await listRecentArticles();
  return rssResponse(
    renderRssFeed({
      title: 'Inkwell',
      description: 'New articles on Inkwell.',
      path: '/feed.xml',
      cards: page.cards,
    }),
  );
}
