import 'server-only';
import type { NextResponse } from 'next/server';
import { failureResponse, handleJsonWrite } from './responses';
import { requireViewer, type SignedIn } from '@/lib/auth/require-viewer';

/** A write only a signed-in person may make: same-origin JSON, then the viewer, then `handle`. */
export function handleViewerWrite(
  request: Request,
  handle: (viewer: SignedIn, body: unknown) => Promise<NextResponse>,
): Promise<NextResponse> {
  return handleJsonWrite(request, async (body) => {
    const signedIn = await requireViewer();
    if (!signedIn.ok) return failureResponse(signedIn);
    return handle(signedIn.viewer, body);
  });
}
