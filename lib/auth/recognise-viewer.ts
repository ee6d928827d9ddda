import { getUserById } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { isRedisUnavailable } from '@/lib/redis';
import { preventPageCache } from '@/lib/request/context';
import { identifyRequest } from '@/lib/sessions/request-identity';
import { sessionOwners } from '@/lib/sessions/session-owners';
import { readSession } from '@/lib/sessions/session-store';

export type Viewer =
  | { status: 'signed-out' }
  | {
      status: 'signed-in';
      user: PublicUser;
      sessionId: string;
      /** The session begun by confirming sign-up: the home page greets a new person. */
      sessionBeganAtSignUp: boolean;
    }
  /** Sessions live in Redis; while it is unreachable nobody can be recognised. */
  | { status: 'unavailable' };

/**
 * Who a raw Cookie header belongs to, from the session in Redis and the cached user. Pages ask
 * through getViewer (lib/auth/get-viewer.ts); the server's reader-state answer
 * (lib/reader/reader-state.ts) asks directly, before Next runs: both recognise alike.
 */
export async function recogniseViewer(
  cookieHeader: string | readonly string[] | null | undefined,
  sessionCookieName: string,
): Promise<Viewer> {
  const readUser = async (userId: string) => ({ user: await getUserById(userId), alongside: null });
  return (await recogniseViewerWith(cookieHeader, sessionCookieName, readUser)).viewer;
}

/**
 * As recogniseViewer, with the session's user read by the caller (`readUser`, from
 * getUserById's cached object) together with what else it needs of that user (`alongside`): one
 * round trip to the cache for all of it, sent with the session's read when this instance knows
 * whose the session is. What `alongside` read is dropped unless the viewer is recognised by it.
 */
export async function recogniseViewerWith<T>(
  cookieHeader: string | readonly string[] | null | undefined,
  sessionCookieName: string,
  readUser: (userId: string) => Promise<{ user: PublicUser | null; alongside: T }>,
): Promise<{ viewer: Viewer; alongside: T | null }> {
  const identity = identifyRequest(cookieHeader, sessionCookieName);
  if (identity.kind === 'ambiguous') {
    preventPageCache(identity.reason);
    return { viewer: { status: 'signed-out' }, alongside: null };
  }
  if (identity.kind === 'anonymous') return { viewer: { status: 'signed-out' }, alongside: null };
  try {
    const guessed = sessionOwners.guess(identity.sessionId);
    // Whose the session is, when this instance has seen it: their reads go out with its own.
    const [session, early] = await Promise.all([
      readSession(identity.sessionId),
      guessed ? readUser(guessed).catch(() => null) : null,
    ]);
    if (session) sessionOwners.remember(session.id, session.userId);
    else if (guessed) sessionOwners.forget(identity.sessionId);
    const { user, alongside: extra } = !session
      ? { user: null, alongside: null }
      : early && guessed === session.userId
        ? early
        : await readUser(session.userId);
    if (!session || !user) {
      // A page kept for this cookie's user must never be one that did not recognise them.
      preventPageCache('session not recognised');
      return { viewer: { status: 'signed-out' }, alongside: null };
    }
    return {
      viewer: {
        status: 'signed-in',
        user,
        sessionId: session.id,
        sessionBeganAtSignUp: session.beganAtSignUp,
      },
      alongside: extra,
    };
  } catch (error) {
    if (isRedisUnavailable(error)) {
      preventPageCache('sessions unavailable');
      return { viewer: { status: 'unavailable' }, alongside: null };
    }
    throw error;
  }
}
