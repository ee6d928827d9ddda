import 'server-only';
import type { NextResponse } from 'next/server';
import { failureResponse, guardWrite, jsonWriteLimit, readJsonBody } from './responses';
import { requireViewer, type SignedIn } from '@/lib/auth/require-viewer';

/**
 * A write only a signed-in person may make: same origin, then the viewer, then the JSON body, then
 * `handle`. The body is read only for a signed-in person (an article's takes up to ~664 KB).
 */
export function handleViewerWrite(
  request: Request,
  handle: (viewer: SignedIn, body: unknown) => Promise<NextResponse>,
): Promise<NextResponse> {
  const limit = jsonWriteLimit(request);
  return guardWrite(request, limit, async () => {
    const signedIn = await requireViewer();
    if (!signedIn.ok) return failureResponse(signedIn);
    const read = await readJsonBody(request, limit);
    return read.ok ? handle(signedIn.viewer, read.body) : read.response;
  });
}
