import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getUserById } from '@/lib/profiles/cache';
import type { PublicUser } from '@/lib/profiles/public-user';
import { preventPageCache } from '@/lib/page-cache/notes';
import { isRedisUnavailable } from '@/lib/redis';
import { sessionCookie } from './cookie';
import { readSession } from './session-store';

export type Viewer =
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: PublicUser; sessionId: string }
  /** Sessions live in Redis; while it is unreachable nobody can be recognised. */
  | { status: 'unavailable' };

/** Who is asking: read once per request from the session cookie and Redis. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const jar = await cookies();
  const sessionId = jar.get(sessionCookie().name)?.value;
  if (!sessionId) return { status: 'signed-out' };
  try {
    const session = await readSession(sessionId);
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
});
