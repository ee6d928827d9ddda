import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { getViewer } from '@/lib/auth/get-viewer';
import { suggest } from '@/lib/search/suggest';

export const dynamic = 'force-dynamic';

/** Suggestions for what the viewer is typing: ?q=… (friends-only titles only for friends). */
export async function GET(request: Request) {
  const viewer = await getViewer();
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const viewerId = viewer.status === 'signed-in' ? viewer.user.id : null;
  const result = await suggest(viewerId, { q });
  const response = respond(api.searchSuggestions, result);
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}
