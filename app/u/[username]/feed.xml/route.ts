import { feedCards, renderRssFeed, rssResponse } from '@/lib/articles/feed';
import { getRenamedUser, getUserByUsername } from '@/lib/users/cache';

export const dynamic = 'force-dynamic';

/** One author's RSS feed: their 20 newest public articles, whole. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ username: string }> },
) {
  const { username } = await params;
  const author = await getUserByUsername(username);
  if (!author) {
    // The author renamed: readers' feed subscriptions follow them.
    const renamed = await getRenamedUser(username);
    return renamed
      ? new Response(null, {
          status: 308,
          headers: { Location: `/u/${renamed.usernameKey}/feed.xml` },
        })
      : new Response('Not found', { status: 404 });
  }
  return rssResponse(
    renderRssFeed({
      title: `${author.displayName} on Inkwell`,
      description: author.bio || `Articles by ${author.displayName}.`,
      path: `/u/${author.usernameKey}/feed.xml`,
      cards: await feedCards('authorPublic', author.id),
    }),
  );
}
