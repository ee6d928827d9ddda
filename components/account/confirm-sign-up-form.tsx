'use client';

import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/**
 * Confirms a sign-up with the token from the e-mail and the password chosen at sign-up: the link
 * alone does not prove the clicker made the sign-up. A button, not an automatic request: mail
 * scanners that open links must not use up the one-time link.
 */
export function ConfirmSignUpForm({ token }: { token: string }) {
  const { busy, formError, fieldErrors, call } = useApiCall();
  return (
    <Form
      // The token is no field of the form: a broken link is the form's message.
      error={fieldErrors.token ?? formError}
      onSubmit={async (data) => {
        const result = await call(api.confirmSignUp, {
          body: { token, password: textOf(data, 'password') },
        });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
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
    </Form>
  );
}
