'use client';

import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api/contract';

const SENT =
  'If a sign-up with that address is waiting for confirmation, we sent it a new link. It can take a few minutes to arrive.';

/**
 * "Resend confirmation link" for a sign-up not confirmed yet. The answer is the same whatever the
 * address, so it says only what would be true if a sign-up waits. `announce` makes its message a
 * live region of its own (leave it off inside one).
 */
export function ResendConfirmation({
  identifier,
  announce = true,
}: {
  identifier: string;
  announce?: boolean;
}) {
  const { busy, formError, success, call } = useApiCall();
  const message = success ?? formError ?? '';
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        busy={busy}
        onClick={() => void call(api.resendSignUpLink, { body: { identifier } }, SENT)}
      >
        Resend confirmation link
      </Button>
      <p
        role={announce ? 'status' : undefined}
        className={`text-sm ${formError ? 'font-medium text-danger' : 'text-muted'}`}
      >
        {message}
      </p>
    </div>
  );
}
