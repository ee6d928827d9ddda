import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { oauthSignInAction } from '@/lib/auth/actions';
import { OAuthButtons } from '@/components/account/oauth-buttons';
import { PasskeySignInButton } from '@/components/account/passkey-sign-in-button';
import { SignInForm } from '@/components/account/sign-in-form';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { safeRedirectPath } from '@/lib/request/safe-redirect';
import { getViewer } from '@/lib/auth/get-viewer';
import { SIGN_IN_FAILED } from '@/lib/auth/sign-in';

export const metadata: Metadata = {
  title: 'Sign in',
  description: 'Sign in to Inkwell with your email or username.',
};

const OAUTH_ERRORS: Record<string, string> = {
  // Every way a provider's sign-in can be refused reads the same: it never says an email has an account.
  OAuthAccountNotLinked:
    'We could not sign you in with that account. If you have an Inkwell password, sign in with it below.',
  AccessDenied: 'Sign-in was cancelled or refused.',
  AccountSuspended:
    'This account is suspended by the moderators. You cannot sign in until the suspension ends.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string; reset?: string }>;
}) {
  const { callbackUrl, error, code, reset } = await searchParams;
  const destination = safeRedirectPath(callbackUrl);
  if ((await getViewer()).status === 'signed-in') redirect(destination);
  // Auth.js's own credentials callback ends here when the password needs a second step.
  if (error === 'CredentialsSignin' && code === 'second_step')
    redirect(`/signin/second-step?callbackUrl=${encodeURIComponent(destination)}`);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Sign in</h1>
      {error ? (
        <FormMessage tone="error">
          {error === 'CredentialsSignin'
            ? code === 'rate_limited'
              ? 'Too many sign-in attempts. Please wait a few minutes and try again.'
              : code === 'suspended'
                ? OAUTH_ERRORS.AccountSuspended
                : SIGN_IN_FAILED
            : (OAUTH_ERRORS[error] ?? 'Signing in did not work. Please try again.')}
        </FormMessage>
      ) : null}
      {reset === '1' && !error ? (
        <FormMessage tone="success">
          Your new password is set, and every session of your account was signed out. Sign in with
          it now.
        </FormMessage>
      ) : null}
      <Card className="space-y-6">
        <SignInForm callbackUrl={destination} />
        <PasskeySignInButton callbackUrl={destination} />
        <OAuthButtons action={oauthSignInAction} callbackUrl={destination} />
      </Card>
    </div>
  );
}
