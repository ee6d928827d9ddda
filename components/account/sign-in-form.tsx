'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import { ResendConfirmation } from './resend-confirmation';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { busy, fieldErrors, formError, failureCode, call } = useApiCall();
  // The address a refused sign-in was made with: a new confirmation link goes there.
  const [tried, setTried] = useState('');
  return (
    <Form
      error={formError}
      onSubmit={async (data) => {
        setTried(textOf(data, 'identifier'));
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
      {/* Only someone who gave the right password of a waiting sign-up is answered "forbidden". */}
      {failureCode === 'forbidden' && tried ? <ResendConfirmation identifier={tried} /> : null}
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
