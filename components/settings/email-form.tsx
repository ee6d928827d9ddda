'use client';

import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/**
 * Asks to change the account's e-mail address: a link goes to the new one, a notice to the
 * current one; the address changes only when the link is confirmed. An account without a
 * password re-authenticates with a recent GitHub or Google sign-in instead.
 */
export function EmailForm({
  currentEmail,
  hasPassword,
  recentMinutes,
}: {
  currentEmail: string;
  hasPassword: boolean;
  recentMinutes: number;
}) {
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  return (
    <Form
      error={formError}
      success={success}
      onSubmit={async (data, form) => {
        const newEmail = textOf(data, 'newEmail');
        const result = await call(
          api.requestEmailChange,
          {
            body: hasPassword
              ? { newEmail, currentPassword: textOf(data, 'currentPassword') }
              : { newEmail },
          },
          `We sent a link to ${newEmail.trim()}. Open it within 24 hours, signed in as you are now, to confirm. Until then your email stays ${currentEmail}.`,
        );
        if (result) form.reset();
      }}
    >
      <p>
        Your email address is <strong className="break-all">{currentEmail}</strong>. Only you see
        it.
      </p>
      <TextField
        label="New email"
        name="newEmail"
        type="email"
        autoComplete="email"
        required
        error={fieldErrors.newEmail}
      />
      {hasPassword ? (
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          hint="To make sure it is you."
          error={fieldErrors.currentPassword}
        />
      ) : (
        <p className="text-sm text-muted">
          Your account has no password: a sign-in with GitHub or Google in the last {recentMinutes}{' '}
          minutes confirms it is you.
        </p>
      )}
      <Button type="submit" busy={busy}>
        Change email
      </Button>
    </Form>
  );
}
