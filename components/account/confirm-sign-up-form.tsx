'use client';

import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

/**
 * Confirms a sign-up with the token from the e-mail and the password chosen at sign-up: the link
 * alone does not prove the clicker made the sign-up. A button, not an automatic request: mail
 * scanners that open links must not use up the one-time link.
 */
export function ConfirmSignUpForm({ token }: { token: string }) {
  const { busy, formError, fieldErrors, submit } = useJsonSubmit<{ redirectTo: string }>();
  const tokenError = fieldErrors.token;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const result = await submit('/api/accounts/confirm', {
          body: { token, password: data.get('password') },
        });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
      {formError || tokenError ? (
        <FormMessage tone="error">{tokenError ?? formError}</FormMessage>
      ) : null}
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="The password you chose when you signed up."
        error={fieldErrors.password}
      />
      <Button type="submit" busy={busy} className="w-full">
        Confirm account
      </Button>
    </form>
  );
}
