import type { Metadata } from 'next';
import { ForgotPasswordForm } from '@/components/account/forgot-password-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = {
  title: 'Reset your password',
  description: 'Get a link to set a new Inkwell password.',
};

export default function PasswordResetPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="font-serif text-3xl font-bold">Reset your password</h1>
      <Card>
        <ForgotPasswordForm />
      </Card>
    </div>
  );
}
