import 'server-only';
import { redirect } from 'next/navigation';
import { getViewer } from './get-viewer';
import type { SignedIn } from './require-viewer';

/**
 * For a page only signed-in people see: the viewer, or null while sign-in is unavailable (the page
 * says so); anyone signed out is sent to sign in and brought back to `path`.
 */
export async function pageViewer(path: string): Promise<SignedIn | null> {
  const viewer = await getViewer();
  if (viewer.status === 'unavailable') return null;
  if (viewer.status !== 'signed-in') redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return viewer;
}
