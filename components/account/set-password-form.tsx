'use client';

import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/**
 * "Set new password" with the token from a reset link. A button, not an automatic request: mail
 * scanners that open links must not use up the one-time link.
 */
export function SetPasswordForm({ token }: { token: string }) {
  const { busy, fieldErrors, formError, call } = useApiCall();
  return (
    <Form
      // The token is no field of the form: a broken or used link is the form's message.
      error={fieldErrors.token ?? formError}
      onSubmit={async (data) => {
        const result = await call(api.resetPassword, {
          body: { token, newPassword: textOf(data, 'newPassword') },
        });
        if (result) window.location.assign(result.redirectTo);
      }}
    >
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, and not a common password. Every session of your account is signed out."
        error={fieldErrors.newPassword}
      />
      <Button type="submit" busy={busy} className="w-full">
        Set new password
      </Button>
    </Form>
  );
}
