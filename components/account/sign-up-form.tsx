'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import { ResendConfirmation } from './resend-confirmation';

export function SignUpForm() {
  const { busy, fieldErrors, formError, call } = useApiCall();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <CheckYourInbox email={sentTo} onStartOver={() => setSentTo(null)} />;
  return (
    <Form
      error={formError}
      onSubmit={async (data) => {
        const result = await call(api.signUp, {
          body: {
            email: textOf(data, 'email'),
            username: textOf(data, 'username'),
            password: textOf(data, 'password'),
          },
        });
        if (result) setSentTo(result.email);
      }}
    >
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldErrors.email}
      />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        required
        hint="3 to 30 letters, digits or underscores. Your profile will be at /u/your_name."
        error={fieldErrors.username}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, and not a common password."
        error={fieldErrors.password}
      />
      <Button type="submit" busy={busy} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-muted">
        Already have an account?{' '}
        <Link href="/signin" className="font-medium text-accent underline">
          Sign in
        </Link>
      </p>
    </Form>
  );
}

/** After sign-up: the account is created when the link in the e-mail is followed. */
function CheckYourInbox({ email, onStartOver }: { email: string; onStartOver: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="status" className="space-y-3">
      <h2 ref={heading} tabIndex={-1} className="font-serif text-xl font-bold outline-none">
        Check your inbox
      </h2>
      <p>
        We sent a link to <strong className="break-all">{email}</strong>. Follow it to finish
        creating your account; it works once, for 24 hours.
      </p>
      <p className="text-sm text-muted">
        No email after a few minutes? Look in your spam folder, or{' '}
        <button type="button" onClick={onStartOver} className="font-medium text-accent underline">
          sign up again
        </button>
        .
      </p>
      <ResendConfirmation identifier={email} announce={false} />
    </div>
  );
}
