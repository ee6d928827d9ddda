import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getUserById } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { isRedisUnavailable } from '@/lib/redis';
import { allowTimingDetail, noteViewer, preventPageCache } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { identifyRequest } from '@/lib/sessions/request-identity';
import { readSession } from '@/lib/sessions/session-store';

export type Viewer =
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: PublicUser; sessionId: string }
  /** Sessions live in Redis; while it is unreachable nobody can be recognised. */
  | { status: 'unavailable' };

/** Who is asking: read once per request from the session cookie and Redis. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const viewer = await identifyViewer();
  noteViewer(viewer.status === 'signed-in' ? viewer.user.id : null);
  // The cost panel reads this response's Server-Timing: its owner may see the details.
  if (viewer.status === 'signed-in' && viewer.user.debugPanel) allowTimingDetail();
  return viewer;
});

async function identifyViewer(): Promise<Viewer> {
  const identity = identifyRequest((await headers()).get('cookie'), sessionCookie().name);
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
    return { status: 'signed-in', user, sessionId: session.id };
  } catch (error) {
    if (isRedisUnavailable(error)) {
      preventPageCache('sessions unavailable');
      return { status: 'unavailable' };
    }
    throw error;
  }
}
