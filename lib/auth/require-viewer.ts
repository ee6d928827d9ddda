import 'server-only';
import { fail, type Failure } from '@/lib/validation/result';
import { getViewer } from './get-viewer';
import type { PublicUser } from '@/lib/users/public-user';

export type SignedIn = { user: PublicUser; sessionId: string };

/** The signed-in person for a write, or the failure to answer with (401, or 503 in an outage). */
export async function requireViewer(): Promise<{ ok: true; viewer: SignedIn } | Failure> {
  const viewer = await getViewer();
  if (viewer.status === 'signed-in') return { ok: true, viewer };
  if (viewer.status === 'unavailable') {
    return fail(
      'unavailable',
      'Signing in is temporarily unavailable. Nothing was changed; please try again shortly.',
    );
  }
  return fail('unauthorized', 'Please sign in first.');
}
