import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { oauthSignInAction } from '@/lib/auth/actions';
import { OAuthButtons } from '@/components/account/oauth-buttons';
import { SignUpForm } from '@/components/account/sign-up-form';
import { Card } from '@/components/ui/card';
import { getViewer } from '@/lib/auth/get-viewer';

export const metadata: Metadata = {
  title: 'Create your account',
  description: 'Join Inkwell to publish articles and follow your friends.',
};

export default async function SignUpPage() {
  if ((await getViewer()).status === 'signed-in') redirect('/');
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Create your account</h1>
      <Card className="space-y-6">
        <SignUpForm />
        <OAuthButtons action={oauthSignInAction} />
      </Card>
    </div>
  );
}
