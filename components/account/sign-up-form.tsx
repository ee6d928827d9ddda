'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

export function SignUpForm() {
  const { busy, fieldErrors, formError, submit } = useJsonSubmit<{ email: string }>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <CheckYourInbox email={sentTo} onStartOver={() => setSentTo(null)} />;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const result = await submit('/api/accounts', {
          body: {
            email: data.get('email'),
            username: data.get('username'),
            password: data.get('password'),
          },
        });
        if (result) setSentTo(result.email);
      }}
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
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
    </form>
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
    </div>
  );
}
