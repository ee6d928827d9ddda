'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/** "Forgot password?": the address to mail a reset link to; the answer never says if it has an account. */
export function ForgotPasswordForm() {
  const { busy, fieldErrors, formError, call } = useApiCall();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <ResetLinkSent email={sentTo} onStartOver={() => setSentTo(null)} />;
  return (
    <Form
      error={formError}
      onSubmit={async (data) => {
        const result = await call(api.requestPasswordReset, {
          body: { email: textOf(data, 'email') },
        });
        if (result) setSentTo(result.email);
      }}
    >
      <p>Enter the email address of your account. We will send you a link to set a new password.</p>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldErrors.email}
      />
      <Button type="submit" busy={busy} className="w-full">
        Send reset link
      </Button>
      <p className="text-center text-sm text-muted">
        Remembered it?{' '}
        <Link href="/signin" className="font-medium text-accent underline">
          Sign in
        </Link>
      </p>
    </Form>
  );
}

/** The same for every address: only the inbox's owner learns whether there is an account. */
function ResetLinkSent({ email, onStartOver }: { email: string; onStartOver: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="status" className="space-y-3">
      <h2 ref={heading} tabIndex={-1} className="font-serif text-xl font-bold outline-none">
        Check your inbox
      </h2>
      <p>
        If an Inkwell account uses <strong className="break-all">{email}</strong>, we sent it a link
        to set a new password. The link works once, for an hour.
      </p>
      <p className="text-sm text-muted">
        No email after a few minutes? Look in your spam folder, or{' '}
        <button type="button" onClick={onStartOver} className="font-medium text-accent underline">
          try another address
        </button>
        .
      </p>
    </div>
  );
}
