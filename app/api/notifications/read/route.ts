import { resultResponse } from '@/lib/http/responses';
import { markAllRead } from '@/lib/notifications/mark-read';
import { handleViewerWrite } from '@/lib/auth/viewer-write';

export const dynamic = 'force-dynamic';

/** Marks all of your notifications read. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer) => resultResponse(await markAllRead(viewer)));
}
