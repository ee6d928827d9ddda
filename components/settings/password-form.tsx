'use client';

import { useRouter } from 'next/navigation';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

export function PasswordForm() {
  const router = useRouter();
  const { busy, fieldErrors, formError, success, submit } = useJsonSubmit<{
    endedSessions: number;
  }>();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const result = await submit('/api/account/password', {
          body: {
            currentPassword: data.get('currentPassword'),
            newPassword: data.get('newPassword'),
          },
          success: 'Your password is changed. Every other session was signed out.',
        });
        if (result) {
          form.reset();
          router.refresh();
        }
      }}
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      {success ? <FormMessage tone="success">{success}</FormMessage> : null}
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
    </form>
  );
}
