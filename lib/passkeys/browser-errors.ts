/**
 * What to tell a person when the browser's passkey prompt did not give an answer (names from the
 * WebAuthn spec and @simplewebauthn/browser's WebAuthnError codes). Runs in the browser.
 */
export function describePasskeyError(error: unknown, action: 'add' | 'use'): string {
  const name = error instanceof Error ? error.name : '';
  const code =
    typeof error === 'object' && error !== null ? String(Reflect.get(error, 'code') ?? '') : '';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return 'This device already holds a passkey for your account.';
  if (name === 'NotAllowedError' || name === 'AbortError')
    return action === 'add'
      ? 'No passkey was created: the request was cancelled or timed out. Please try again.'
      : 'No passkey was used: the request was cancelled or timed out. Please try again.';
  if (name === 'NotSupportedError' || /not support/i.test(String(error)))
    return 'This browser or device cannot use passkeys.';
  return action === 'add'
    ? 'Your browser could not create a passkey. Please try again.'
    : 'Your browser could not use a passkey. Please try again.';
}
