'use client';

import { useRef } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/** The admins' form: "Grant moderator" or "Revoke moderator" for a username, with a reason. */
export function ModeratorForm() {
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  const chosen = useRef<'grant' | 'revoke'>('grant');

  async function change(data: FormData, form: HTMLFormElement) {
    const action = chosen.current;
    const answer = await call(
      api.changeModerator,
      {
        body: { username: textOf(data, 'username'), action, reason: textOf(data, 'reason') },
      },
      action === 'grant' ? 'Moderator role granted.' : 'Moderator role revoked.',
    );
    if (answer) form.reset();
  }

  return (
    <Form onSubmit={change} error={formError} success={success}>
      <TextField label="Username" name="username" autoComplete="off" error={fieldErrors.username} />
      <TextField label="Why" name="reason" error={fieldErrors.reason} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy} onClick={() => (chosen.current = 'grant')}>
          Grant moderator
        </Button>
        <Button
          type="submit"
          variant="secondary"
          busy={busy}
          onClick={() => (chosen.current = 'revoke')}
        >
          Revoke moderator
        </Button>
      </div>
    </Form>
  );
}
