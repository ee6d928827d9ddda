'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { RelativeTime } from '@/components/ui/relative-time';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import { describePasskeyError } from '@/lib/passkeys/browser-errors';
import type { PasskeyListing } from '@/lib/passkeys/list-passkeys';

function When({ iso }: { iso: string }) {
  return <RelativeTime iso={iso} />;
}

/** "Add a passkey": the name first (checked by the server), then the browser's prompt. */
function AddPasskeyForm() {
  const router = useRouter();
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  const [browserError, setBrowserError] = useState<string>();
  return (
    <Form
      error={browserError ?? formError}
      success={browserError ? undefined : success}
      onSubmit={async (data, form) => {
        setBrowserError(undefined);
        const name = textOf(data, 'name');
        const started = await call(api.passkeyOptions, { body: { name } });
        if (!started) return;
        let response;
        try {
          response = await startRegistration({ optionsJSON: started.options });
        } catch (error) {
          setBrowserError(describePasskeyError(error, 'add'));
          return;
        }
        const added = await call(
          api.addPasskey,
          { body: { name, response } },
          `Passkey “${name.trim()}” added. You can sign in with it now.`,
        );
        if (added) {
          form.reset();
          router.refresh();
        }
      }}
    >
      <TextField
        label="Passkey name"
        name="name"
        autoComplete="off"
        maxLength={60}
        required
        hint="So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”."
        error={fieldErrors.name}
      />
      <Button type="submit" busy={busy}>
        Add a passkey
      </Button>
    </Form>
  );
}

function PasskeyItem({ passkey }: { passkey: PasskeyListing }) {
  const router = useRouter();
  const { busy, formError, call } = useApiCall();
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4">
      <div>
        <p className="font-medium">{passkey.name}</p>
        <p className="text-sm text-muted">
          Added <When iso={passkey.createdAt} /> ·{' '}
          {passkey.lastUsedAt ? (
            <>
              Last used <When iso={passkey.lastUsedAt} />
            </>
          ) : (
            'Not used yet'
          )}
          {passkey.synced ? ' · Synced' : ''}
        </p>
        {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      </div>
      <Button
        variant="secondary"
        busy={busy}
        aria-label={`Remove passkey ${passkey.name}`}
        onClick={async () => {
          if (await call(api.removePasskey, { params: { id: passkey.id } })) router.refresh();
        }}
      >
        Remove
      </Button>
    </li>
  );
}

export function PasskeyList({ passkeys }: { passkeys: PasskeyListing[] }) {
  return (
    <div className="space-y-5">
      <p className="text-sm text-muted">
        A passkey signs you in with your device’s lock (fingerprint, face or PIN) instead of a
        password. It works only on Inkwell, so it cannot be phished.
      </p>
      {passkeys.length > 0 ? (
        <ul
          className="divide-y divide-line rounded-xl border border-line"
          aria-label="Your passkeys"
        >
          {passkeys.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      ) : (
        <p className="text-sm">You have no passkeys yet.</p>
      )}
      <AddPasskeyForm />
    </div>
  );
}
