import { getUserById, getUserByUsername } from '@/lib/users/cache';
import { getArticleIdBySlug } from './cache';
import { likersCache } from './likers-cache';
import { listComments } from './comments';

/**
 * Caches what the first view of an article at `slug` reads besides the article object (stored by
 * the write itself): the author's user object and name lookup, the slug lookup, the likers and the
 * comments. Called when an article is published or moves to a new slug, so its first reader
 * renders the page from Redis alone. On FerretDB v1 every MongoDB read scans its collection (no
 * query uses an index), so each of these read on the first view would make it slower as the data
 * grows; read here, they cost the publication instead, once, through the same guarded
 * read-through as a view (a change meanwhile still wins).
 */
export async function cacheFirstView(authorId: string, articleId: string, slug: string) {
  const [author] = await Promise.all([
    getUserById(authorId),
    getArticleIdBySlug(authorId, slug),
    likersCache.get(articleId),
    listComments(articleId),
  ]);
  if (author) await getUserByUsername(author.usernameKey);
}
