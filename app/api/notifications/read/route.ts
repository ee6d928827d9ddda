import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { markAllRead } from '@/lib/notifications/mark-read';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Marks your notifications read: all, or { through: <ISO time> } those up to then. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.markNotificationsRead, await markAllRead(viewer, body)),
  );
}
