import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SecondStepForm } from '@/components/account/second-step-form';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { getViewer } from '@/lib/auth/get-viewer';
import { pendingSignInCookieName, readPendingSignIn } from '@/lib/passkeys/pending-sign-in';
import { SECOND_STEP_GONE } from '@/lib/passkeys/start-second-step-passkey';
import { safeRedirectPath } from '@/lib/request/safe-redirect';

export const metadata: Metadata = {
  title: 'Confirm it’s you',
  description: 'The second step of signing in to Inkwell: a passkey or a recovery code.',
};

/** Shows nothing of the account: the pending sign-in is only a ticket until this step passes. */
export default async function SecondStepPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const destination = safeRedirectPath((await searchParams).callbackUrl);
  if ((await getViewer()).status === 'signed-in') redirect(destination);
  const ticket = (await cookies()).get(pendingSignInCookieName())?.value;
  const pending = await readPendingSignIn(ticket);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Confirm it’s you</h1>
      {pending ? (
        <Card className="space-y-4">
          <p>
            Your password was right. To finish signing in, use one of your passkeys or a recovery
            code.
          </p>
          <SecondStepForm callbackUrl={destination} />
        </Card>
      ) : (
        <Card className="space-y-4">
          <FormMessage tone="error">{SECOND_STEP_GONE}</FormMessage>
          <Link href="/signin" className="font-medium text-accent underline">
            Sign in again
          </Link>
        </Card>
      )}
    </div>
  );
}
