'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import { describePasskeyError } from '@/lib/passkeys/browser-errors';

/** The second step of a two-step sign-in: one of your passkeys, or a recovery code. */
export function SecondStepForm({ callbackUrl }: { callbackUrl: string }) {
  const passkey = useApiCall();
  const code = useApiCall();
  const [browserError, setBrowserError] = useState<string>();
  const passkeyError = browserError ?? passkey.formError;
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        {passkeyError ? <FormMessage tone="error">{passkeyError}</FormMessage> : null}
        <Button
          className="w-full"
          busy={passkey.busy}
          onClick={async () => {
            setBrowserError(undefined);
            const started = await passkey.call(api.secondStepOptions, {});
            if (!started) return;
            let response;
            try {
              response = await startAuthentication({ optionsJSON: started.options });
            } catch (failure) {
              setBrowserError(describePasskeyError(failure, 'use'));
              return;
            }
            const done = await passkey.call(api.completeSecondStep, {
              body: { response, callbackUrl },
            });
            if (done) window.location.assign(done.redirectTo);
          }}
        >
          Use a passkey
        </Button>
      </div>
      <Form
        error={code.formError}
        onSubmit={async (data) => {
          const done = await code.call(api.completeSecondStep, {
            body: { recoveryCode: textOf(data, 'recoveryCode'), callbackUrl },
          });
          if (done) window.location.assign(done.redirectTo);
        }}
      >
        <TextField
          label="Recovery code"
          name="recoveryCode"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint="One of the codes you saved when you turned on two-step sign-in, like abcde-fghij."
          error={code.fieldErrors.recoveryCode}
        />
        <Button type="submit" variant="secondary" busy={code.busy} className="w-full">
          Continue with a recovery code
        </Button>
      </Form>
    </div>
  );
}
