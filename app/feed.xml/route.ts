import { feedCards, renderRssFeed, rssResponse } from '@/lib/articles/feed';

export const dynamic = 'force-dynamic';

/** The site's RSS feed: the 20 newest public articles, whole. */
export async function GET() {
  return rssResponse(
    renderRssFeed({
      title: 'Inkwell',
      description: 'New articles on Inkwell.',
      path: '/feed.xml',
      cards: await feedCards('recent', 'all'),
    }),
  );
}
