'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import { RecoveryCodes } from './recovery-codes';

export interface TwoStepProps {
  enabled: boolean;
  codesLeft: number;
  hasPassword: boolean;
  hasPasskey: boolean;
}

const LABEL = 'Require a passkey or code after the password';

/** Turning two-step sign-in off asks for the password again (re-authentication). */
function TurnOffForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const { busy, fieldErrors, formError, call } = useApiCall();
  return (
    <Form
      error={formError}
      onSubmit={async (data) => {
        const result = await call(api.turnOffTwoStep, {
          body: { currentPassword: textOf(data, 'currentPassword') },
        });
        if (result) {
          onDone();
          router.refresh();
        }
      }}
    >
      <TextField
        label="Confirm your password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        hint="To turn two-step sign-in off, confirm it is you."
        error={fieldErrors.currentPassword}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" busy={busy}>
          Turn off two-step sign-in
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Keep it on
        </Button>
      </div>
    </Form>
  );
}

export function TwoStepSetting({ enabled, codesLeft, hasPassword, hasPasskey }: TwoStepProps) {
  const router = useRouter();
  const { busy, formError, success, call } = useApiCall();
  const [codes, setCodes] = useState<string[]>();
  const [confirmingOff, setConfirmingOff] = useState(false);
  if (!hasPassword)
    return (
      <p className="text-sm">
        You sign in with GitHub or Google, so there is no password for a second step to follow: your
        GitHub or Google account’s own two-step settings protect you here. Passkeys above work as
        well. If you later set a password, you can require a passkey or code after it.
      </p>
    );
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label className="flex items-center gap-3 font-medium">
          <input
            type="checkbox"
            checked={enabled}
            disabled={busy}
            aria-describedby="two-step-hint"
            onChange={async () => {
              if (enabled) {
                setConfirmingOff(true);
                return;
              }
              const result = await call(api.turnOnTwoStep, {}, 'Two-step sign-in is on.');
              if (result) {
                setCodes(result.recoveryCodes);
                router.refresh();
              }
            }}
          />
          {LABEL}
        </label>
        <p id="two-step-hint" className="text-sm text-muted">
          After your password, you will also use one of your passkeys or a recovery code. A passkey
          alone still signs you in (it is two steps in one), and signing in with GitHub or Google
          relies on that account’s own two-step settings.
          {hasPasskey ? '' : ' You have no passkey yet: add one above, or keep the recovery codes.'}
        </p>
      </div>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      {success ? <FormMessage tone="success">{success}</FormMessage> : null}
      {confirmingOff && enabled ? <TurnOffForm onDone={() => setConfirmingOff(false)} /> : null}
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {enabled ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm">
            {codesLeft} unused recovery code{codesLeft === 1 ? '' : 's'} left.
          </p>
          <Button
            variant="secondary"
            busy={busy}
            onClick={async () => {
              const result = await call(
                api.regenerateRecoveryCodes,
                {},
                'New recovery codes are ready; the old ones no longer work.',
              );
              if (result) {
                setCodes(result.recoveryCodes);
                router.refresh();
              }
            }}
          >
            Regenerate recovery codes
          </Button>
        </div>
      ) : null}
    </div>
  );
}
