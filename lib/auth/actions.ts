'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from './auth';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { sessionCookie } from '@/lib/sessions/cookie';
import { endSessionById } from '@/lib/sessions/session-store';

/** Sign out: the session record is deleted first, so a copied cookie stops working at once. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const { name } = sessionCookie();
  const sessionId = jar.get(name)?.value;
  if (sessionId) await endSessionById(sessionId);
  jar.delete(name);
  redirect('/');
}

/** Starts a GitHub or Google sign-in (only offered when configured), back to a path on this site. */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = formData.get('provider');
  if (provider !== 'github' && provider !== 'google') redirect('/signin');
  await signIn(provider, { redirectTo: safeRedirectPath(formData.get('callbackUrl')) });
}
