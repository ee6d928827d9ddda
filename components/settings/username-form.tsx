'use client';

import { useRouter } from 'next/navigation';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/** Renames the person; their old addresses keep working (308) and the old name stays theirs. */
export function UsernameForm({ username }: { username: string }) {
  const router = useRouter();
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  return (
    <Form
      error={formError}
      success={success}
      onSubmit={async (data) => {
        const username = textOf(data, 'username');
        const result = await call(
          api.changeUsername,
          { body: { username } },
          `Your username is now @${username}. Links to your old profile and articles lead here.`,
        );
        if (result) router.refresh();
      }}
    >
      <TextField
        label="Username"
        name="username"
        defaultValue={username}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={30}
        required
        hint="3 to 30 letters, digits or underscores. Your old name stays reserved for you for 30 days, and links to it lead to your new one."
        error={fieldErrors.username}
      />
      <Button type="submit" busy={busy}>
        Change username
      </Button>
    </Form>
  );
}
