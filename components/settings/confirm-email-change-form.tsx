'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Form } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api/contract';

/**
 * Confirms an e-mail change with the token from the link. A button, not an automatic request:
 * mail scanners that open links must not use up the one-time link.
 */
export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const { busy, fieldErrors, formError, call } = useApiCall();
  const [changedTo, setChangedTo] = useState<string | null>(null);
  if (changedTo) return <EmailChanged email={changedTo} />;
  return (
    <Form
      error={fieldErrors.token ?? formError}
      onSubmit={async () => {
        const result = await call(api.confirmEmailChange, { body: { token } });
        if (result) setChangedTo(result.email);
      }}
    >
      <Button type="submit" busy={busy}>
        Confirm new email
      </Button>
    </Form>
  );
}

function EmailChanged({ email }: { email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="status" className="space-y-3">
      <h2 ref={heading} tabIndex={-1} className="font-serif text-xl font-bold outline-none">
        Email changed
      </h2>
      <p>
        Your email address is now <strong className="break-all">{email}</strong>. Sign in with it
        from now on.
      </p>
      <Link href="/settings" className="font-medium text-accent underline">
        Back to settings
      </Link>
    </div>
  );
}
