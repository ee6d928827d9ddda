'use client';

import { useRouter } from 'next/navigation';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

export function PasswordForm() {
  const router = useRouter();
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  return (
    <Form
      error={formError}
      success={success}
      onSubmit={async (data, form) => {
        const result = await call(
          api.changePassword,
          {
            body: {
              currentPassword: textOf(data, 'currentPassword'),
              newPassword: textOf(data, 'newPassword'),
            },
          },
          'Your password is changed. Every other session was signed out.',
        );
        if (result) {
          form.reset();
          router.refresh();
        }
      }}
    >
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, and not a common password."
        error={fieldErrors.newPassword}
      />
      <Button type="submit" busy={busy}>
        Change password
      </Button>
    </Form>
  );
}
