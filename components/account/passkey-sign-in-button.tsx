'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useState } from 'react';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { api } from '@/lib/api/contract';
import { describePasskeyError } from '@/lib/passkeys/browser-errors';

/** "Sign in with a passkey": no username typed; the device offers its passkeys for Inkwell. */
export function PasskeySignInButton({ callbackUrl }: { callbackUrl?: string }) {
  const { busy, formError, call } = useApiCall();
  const [browserError, setBrowserError] = useState<string>();
  const error = browserError ?? formError;
  return (
    <div className="space-y-3">
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      <Button
        variant="secondary"
        className="w-full"
        busy={busy}
        onClick={async () => {
          setBrowserError(undefined);
          const started = await call(api.passkeySignInOptions, {});
          if (!started) return;
          let response;
          try {
            response = await startAuthentication({ optionsJSON: started.options });
          } catch (failure) {
            setBrowserError(describePasskeyError(failure, 'use'));
            return;
          }
          const signedIn = await call(api.signInWithPasskey, { body: { response, callbackUrl } });
          if (signedIn) window.location.assign(signedIn.redirectTo);
        }}
      >
        Sign in with a passkey
      </Button>
    </div>
  );
}
