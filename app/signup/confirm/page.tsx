import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ConfirmSignUpForm } from '@/components/account/confirm-sign-up-form';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { SIGN_UP_TOKEN } from '@/lib/users/pending-sign-up';
import { getViewer } from '@/lib/auth/get-viewer';

export const metadata: Metadata = {
  title: 'Confirm your account',
  description: 'Confirm your email address to finish creating your Inkwell account.',
  // A one-time link: never indexed, never sent on as a referrer.
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export default async function ConfirmSignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  if ((await getViewer()).status === 'signed-in') redirect('/');
  const { token } = await searchParams;
  const valid = typeof token === 'string' && SIGN_UP_TOKEN.test(token);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Confirm your account</h1>
      <Card className="space-y-4">
        {valid ? (
          <>
            <p>
              One step left: enter the password you chose when you signed up, and your account is
              ready. If you did not sign up, ignore the email: no account is created.
            </p>
            <ConfirmSignUpForm token={token} />
          </>
        ) : (
          <FormMessage tone="error">
            This confirmation link is incomplete. Open the link from the email again, or{' '}
            <Link href="/signup" className="underline">
              sign up again
            </Link>
            .
          </FormMessage>
        )}
      </Card>
    </div>
  );
}
