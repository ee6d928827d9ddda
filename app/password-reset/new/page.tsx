import type { Metadata } from 'next';
import Link from 'next/link';
import { SetPasswordForm } from '@/components/account/set-password-form';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { LINK_TOKEN } from '@/lib/accounts/one-time-links';
import { usableResetLink } from '@/lib/accounts/password-reset-link';
import { RESET_LINK_USED } from '@/lib/accounts/reset-password';

export const metadata: Metadata = {
  title: 'Set new password',
  description: 'Choose a new password for your Inkwell account.',
  // A one-time link: never indexed, never sent on as a referrer.
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export default async function SetNewPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && LINK_TOKEN.test(token);
  // Only read here: the link is used up when the form is sent.
  const live = valid && (await usableResetLink(token)) !== null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Set new password</h1>
      <Card className="space-y-4">
        {live ? (
          <SetPasswordForm token={token} />
        ) : (
          <FormMessage tone="error">
            {valid
              ? RESET_LINK_USED
              : 'This link is incomplete. Open the link from the email again.'}{' '}
            <Link href="/password-reset" className="underline">
              Ask for a new link
            </Link>
            .
          </FormMessage>
        )}
      </Card>
    </div>
  );
}
