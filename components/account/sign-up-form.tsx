'use client';

import Link from 'next/link';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

export function SignUpForm() {
  const { busy, fieldErrors, formError, submit } = useJsonSubmit<{ redirectTo: string }>();
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
        if (result) window.location.assign(result.redirectTo);
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
