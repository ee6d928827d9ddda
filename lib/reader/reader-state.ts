import type { IncomingMessage, ServerResponse } from 'node:http';
import { canSeeArticle } from '@/lib/articles/access';
import { getArticleView } from '@/lib/articles/cache';
import { likersCache } from '@/lib/articles/likers-cache';
import { listComments } from '@/lib/articles/comments';
import type { CommentThread } from '@/lib/articles/comment-tree';
import { recogniseViewerWith } from '@/lib/auth/recognise-viewer';
import { orElse, readTogether } from '@/lib/cache/read-together';
import { mutedCache } from '@/lib/mutes/cache';
import { unreadCountRead } from '@/lib/notifications/cache';
import { savedRead } from '@/lib/reading-list/cache';
import { READER_STATE_ELEMENT } from './reader-state-element';
import { sessionCookie } from '@/lib/sessions/cookie';
import { userByIdRead } from '@/lib/users/cache';
import type { UserBadge } from '@/lib/users/public-user';

/**
 * What a page kept for every signed-in reader (lib/page-cache) leaves out: who is reading, their
 * unread count, and their own state on the article (liked or not). A hit of that page carries it
 * after the HTML (readerStateTail); otherwise the browser asks for it once per page
 * (components/reader/reader-store.ts). It fills the header, the like button, the edit link and
 * the comment controls. Answered by the server before Next runs, from Redis when
 * warm: the session, the cached user, the unread counter, one SMISMEMBER (the like), one ZMSCORE
 * (saved or not) and the muted set, sent together.
 */
export type ReaderState =
  | { status: 'signed-out' }
  /** Sessions are unreachable: nobody can be recognised for now. */
  | { status: 'unavailable' }
  | {
      status: 'signed-in';
      user: UserBadge;
      unread: number;
      /** The reader's like, for the article asked about. */
      liked: boolean | null;
      /** Whether the article asked about is in the reader's saved list. */
      saved: boolean | null;
      /**
       * People the reader muted whose comments the page hides (for an article asked about): the
       * whole list when short, else those with comments on it. Theirs alone, like all of this.
       */
      muted: string[];
    };

export const READER_STATE_PATH = '/api/reader';
const ARTICLE_ID = /^[a-f0-9]{24}$/;

export async function readerState(
  cookieHeader: string | readonly string[] | undefined,
  articleId: string | null,
): Promise<ReaderState> {
  const asked = articleId && ARTICLE_ID.test(articleId) ? articleId : null;
  const { viewer, alongside } = await recogniseViewerWith(
    cookieHeader,
    sessionCookie().name,
    (readerId) => readOwnParts(readerId, asked),
  );
  if (viewer.status !== 'signed-in') return { status: viewer.status };
  const { id, username, usernameKey, displayName, avatar } = viewer.user;
  return {
    status: 'signed-in',
    user: { id, username, usernameKey, displayName, avatar },
    ...(alongside ?? { unread: 0, liked: null, saved: null, muted: [] }),
  };
}

/**
 * The reader (their cached user) and their own parts: once the session is known, all of it is one
 * round trip to the cache when warm; what is not cached is then read the ordinary way.
 */
async function readOwnParts(readerId: string, articleId: string | null) {
  const user = userByIdRead(readerId);
  const unread = orElse(unreadCountRead(readerId), 0);
  if (!articleId) {
    const [reader, unreadCount] = await readTogether([user, unread]);
    const alongside = { unread: unreadCount ?? 0, liked: null, saved: null, muted: [] };
    return { user: reader, alongside };
  }
  const [reader, unreadCount, liked, saved, muted] = await readTogether([
    user,
    unread,
    likersCache.hasRead(articleId, readerId, () => likedUncached(articleId, readerId)),
    orElse<boolean | null>(savedRead(readerId, articleId), null),
    mutedCache.membersRead(readerId),
  ]);
  const shownMuted = await mutedCommenters(articleId, readerId, muted);
  return { user: reader, alongside: { unread: unreadCount ?? 0, liked, saved, muted: shownMuted } };
}

/**
 * The reader's like when the likers set is not cached: only for an article that exists and that
 * they may read (so made-up ids never make the likers read from MongoDB).
 */
async function likedUncached(articleId: string, readerId: string): Promise<boolean | null> {
  const article = await getArticleView(articleId);
  if (!article || !(await canSeeArticle(article, readerId))) return null;
  return (await likersCache.get(articleId)).includes(readerId);
}

/** Up to this many muted people are sent as they are; a longer list is cut to the commenters. */
const MUTED_SENT_WHOLE = 50;

/**
 * The muted people whose comments the article page hides: nobody for most readers (one SMEMBERS
 * of an empty set); a long list is narrowed to the article's commenters (cached comments), only
 * for an article that exists and that the reader may read.
 */
async function mutedCommenters(
  articleId: string,
  readerId: string,
  muted: string[],
): Promise<string[]> {
  if (muted.length <= MUTED_SENT_WHOLE) return muted;
  const article = await getArticleView(articleId);
  if (!article || !(await canSeeArticle(article, readerId))) return [];
  const commenters = new Set<string>();
  const walk = (threads: readonly CommentThread[]): void => {
    for (const thread of threads) {
      commenters.add(thread.comment.authorId);
      walk(thread.replies);
    }
  };
  walk(await listComments(articleId));
  return muted.filter((id) => commenters.has(id));
}

/**
 * The reader's state for `articleId` as HTML sent after the page (lib/page-cache), so a view is
 * one response: a data block, which no script policy needs to allow, with `<` escaped so nothing
 * in it can end the element. components/reader/reader-store.ts reads it instead of asking.
 */
export function readerStateTail(state: ReaderState, articleId: string): Buffer {
  const json = JSON.stringify({ article: articleId, ...state }).replace(/</g, '\\u003c');
  return Buffer.from(
    `<script type="application/json" id="${READER_STATE_ELEMENT}">${json}</script>`,
    'utf8',
  );
}

/**
 * GET /api/reader?article=<id>: the asking reader's own state, never stored by anyone (it is
 * theirs alone) and readable by no other origin (no CORS header: a page elsewhere cannot read it).
 */
export async function serveReaderState(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const query = new URL(request.url ?? '/', 'http://reader').searchParams;
  const state = await readerState(request.headers.cookie, query.get('article'));
  const body = JSON.stringify({ ok: true, ...state });
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
