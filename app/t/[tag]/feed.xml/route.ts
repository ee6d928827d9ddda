import { feedCards, renderRssFeed, rssResponse } from '@/lib/articles/feed';
import { normaliseTag, TAG_MAX } from '@/lib/articles/schemas';

export const dynamic = 'force-dynamic';

/** A tag's RSS feed: the 20 newest public articles with the tag, whole. */
export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  const raw = (await params).tag;
  const tag = normaliseTag(raw);
  // As the tag page: only the tag's one spelling, so no other string reaches the cache keys.
  if (!tag || tag !== raw || tag.length > TAG_MAX)
    return new Response('Not found', { status: 404 });
  return rssResponse(
    renderRssFeed({
      title: `#${tag} on Inkwell`,
      description: `Articles tagged #${tag} on Inkwell.`,
      path: `/t/${tag}/feed.xml`,
      cards: await feedCards('tag', tag),
    }),
  );
}
