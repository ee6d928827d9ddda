'use client';

import Link from 'next/link';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { busy, fieldErrors, formError, call } = useApiCall();
  return (
    <Form
      error={formError}
      onSubmit={async (data) => {
        const result = await call(api.signIn, {
          body: {
            identifier: textOf(data, 'identifier'),
            password: textOf(data, 'password'),
            callbackUrl,
          },
        });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
      <TextField
        label="Email or username"
        name="identifier"
        autoComplete="username"
        required
        error={fieldErrors.identifier}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      <p className="text-sm">
        <Link href="/password-reset" className="font-medium text-accent underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" busy={busy} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-muted">
        New to Inkwell?{' '}
        <Link href="/signup" className="font-medium text-accent underline">
          Create an account
        </Link>
      </p>
    </Form>
  );
}
