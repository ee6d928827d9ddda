import { renderRssFeed, rssResponse } from '@/lib/articles/feed';
import { listAuthorArticles } from '@/lib/articles/list-articles';
import { getRenamedUser, getUserByUsername } from '@/lib/users/cache';

export const dynamic = 'force-dynamic';

/** One author's RSS feed: their public articles. */
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
  const page = await listAuthorArticles(author.id, null);
  return rssResponse(
    renderRssFeed({
      title: `${author.displayName} on Inkwell`,
      description: author.bio || `Articles by ${author.displayName}.`,
      path: `/u/${author.usernameKey}/feed.xml`,
      cards: page.cards,
    }),
  );
}
