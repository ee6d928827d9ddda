'use client';

import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

/**
 * Confirms a sign-up with the token from the e-mail. A button, not an automatic request: mail
 * scanners that open links must not use up the one-time link.
 */
export function ConfirmSignUpForm({ token }: { token: string }) {
  const { busy, formError, fieldErrors, submit } = useJsonSubmit<{ redirectTo: string }>();
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await submit('/api/accounts/confirm', { body: { token } });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
      {formError || fieldErrors.token ? (
        <FormMessage tone="error">{fieldErrors.token ?? formError}</FormMessage>
      ) : null}
      <Button type="submit" busy={busy} className="w-full">
        Confirm account
      </Button>
    </form>
  );
}
