import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { allowTimingDetail, noteViewer } from '@/lib/request/context';
import { sessionCookie } from '@/lib/sessions/cookie';
import { recogniseViewer, type Viewer } from './recognise-viewer';

export type { Viewer };

/** Who is asking: read once per request from the session cookie and Redis. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const viewer = await recogniseViewer((await headers()).get('cookie'), sessionCookie().name);
  noteViewer(viewer.status === 'signed-in' ? viewer.user.id : null);
  // The cost panel reads this response's Server-Timing: its owner may see the details.
  if (viewer.status === 'signed-in' && viewer.user.debugPanel) allowTimingDetail();
  return viewer;
});
