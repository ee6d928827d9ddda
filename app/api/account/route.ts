import { api } from '@/lib/api/contract';
import { respond } from '@/lib/api/respond';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { handleViewerWrite } from '@/lib/http/viewer-write';
import { sessionCookie } from '@/lib/sessions/cookie';

export const dynamic = 'force-dynamic';

/**
 * Delete your account: { password } (none for GitHub or Google accounts signed in moments ago).
 * No id is taken: it is always the signed-in person's own account.
 */
export function DELETE(request: Request) {
  return handleViewerWrite(request, async (viewer, body) => {
    const response = respond(api.deleteAccount, await deleteAccount(viewer, body));
    // Every session has ended; the browser forgets its cookie too.
    if (response.ok) response.cookies.delete(sessionCookie().name);
    return response;
  });
}
