import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { changeUsername } from '@/lib/accounts/change-username';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Change your username: { username }; your old addresses answer 308 to the new ones. */
export function POST(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.changeUsername, await changeUsername(viewer, body)),
  );
}
