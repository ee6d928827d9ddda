import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { updateProfile } from '@/lib/profiles/update-profile';
import { handleViewerWrite } from '@/lib/http/viewer-write';

export const dynamic = 'force-dynamic';

/** Edit your profile: { displayName, bio, links: [{ label, url }] }. */
export function PATCH(request: Request) {
  return handleViewerWrite(request, async (viewer, body) =>
    respond(api.updateProfile, await updateProfile(viewer, body)),
  );
}
