import { getUserById } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { isRedisUnavailable } from '@/lib/redis';
import { preventPageCache } from '@/lib/request/context';
import { identifyRequest } from '@/lib/sessions/request-identity';
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
 * (lib/page-cache/reader-state.ts) asks directly, before Next runs: both recognise alike.
 */
export async function recogniseViewer(
  cookieHeader: string | readonly string[] | null | undefined,
  sessionCookieName: string,
): Promise<Viewer> {
  const identity = identifyRequest(cookieHeader, sessionCookieName);
  if (identity.kind === 'ambiguous') {
    preventPageCache(identity.reason);
    return { status: 'signed-out' };
  }
  if (identity.kind === 'anonymous') return { status: 'signed-out' };
  try {
    const session = await readSession(identity.sessionId);
    const user = session ? await getUserById(session.userId) : null;
    if (!session || !user) {
      // A page kept for this cookie's user must never be one that did not recognise them.
      preventPageCache('session not recognised');
      return { status: 'signed-out' };
    }
    return {
      status: 'signed-in',
      user,
      sessionId: session.id,
      sessionBeganAtSignUp: session.beganAtSignUp,
    };
  } catch (error) {
    if (isRedisUnavailable(error)) {
      preventPageCache('sessions unavailable');
      return { status: 'unavailable' };
    }
    throw error;
  }
}
