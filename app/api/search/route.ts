import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { getViewer } from '@/lib/auth/get-viewer';
import { search } from '@/lib/search/search';

export const dynamic = 'force-dynamic';

/** Search results as JSON: ?q=…&tag=…&author=…&from=…&to=…&page=… (as the viewer may see them). */
export async function GET(request: Request) {
  const viewer = await getViewer();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const viewerId = viewer.status === 'signed-in' ? viewer.user.id : null;
  const result = await search(viewerId, query);
  const response = respond(api.search, result);
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}
