'use client';

import Link from 'next/link';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { busy, fieldErrors, formError, submit } = useJsonSubmit<{ redirectTo: string }>();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const result = await submit('/api/sessions', {
          body: { identifier: data.get('identifier'), password: data.get('password'), callbackUrl },
        });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
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
      <Button type="submit" busy={busy} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-muted">
        New to Inkwell?{' '}
        <Link href="/signup" className="font-medium text-accent underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
