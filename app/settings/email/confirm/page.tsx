import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { ConfirmEmailChangeForm } from '@/components/settings/confirm-email-change-form';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { EMAIL_LINK_OTHER_ACCOUNT, EMAIL_LINK_USED } from '@/lib/accounts/confirm-email-change';
import { readEmailChangeLink } from '@/lib/accounts/email-change-link';
import { LINK_TOKEN } from '@/lib/accounts/one-time-links';
import { pageViewer } from '@/lib/auth/page-viewer';

export const metadata: Metadata = {
  title: 'Confirm your new email',
  description: 'Confirm the new email address of your Inkwell account.',
  // A one-time link: never indexed, never sent on as a referrer.
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

function problemWith(
  token: string | string[] | undefined,
  link: { userId: string } | null,
  viewerId: string,
): string | null {
  if (typeof token !== 'string' || !LINK_TOKEN.test(token))
    return 'This link is incomplete. Open the link from the email again.';
  if (!link) return EMAIL_LINK_USED;
  return link.userId === viewerId ? null : EMAIL_LINK_OTHER_ACCOUNT;
}

export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && LINK_TOKEN.test(token);
  // Signed out, one signs in and comes back here: the link works only for the account that asked.
  const viewer = await pageViewer(
    valid ? `/settings/email/confirm?token=${token}` : '/settings/email/confirm',
  );
  if (!viewer) return <SignInUnavailable title="Confirm your new email" />;
  // Only read here: the link is used up when the button is pressed.
  const link = valid ? await readEmailChangeLink(token) : null;
  const problem = problemWith(token, link, viewer.user.id);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Confirm your new email</h1>
      <Card className="space-y-4">
        {problem || !valid || !link ? (
          <FormMessage tone="error">
            {problem}{' '}
            <Link href="/settings" className="underline">
              Go to your settings
            </Link>
            .
          </FormMessage>
        ) : (
          <>
            <p>
              Change the email address of @{viewer.user.username} from{' '}
              <strong className="break-all">{link.oldEmail}</strong> to{' '}
              <strong className="break-all">{link.newEmail}</strong>?
            </p>
            <ConfirmEmailChangeForm token={token} />
          </>
        )}
      </Card>
    </div>
  );
}
