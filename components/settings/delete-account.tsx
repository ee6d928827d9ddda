'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

type DeletionCheck = 'password' | 'fresh-sign-in' | 'sign-in-again';

/**
 * "Delete account": the password (or, for GitHub and Google accounts, a sign-in made moments ago),
 * then a confirmation dialog. On success every session has ended: the browser goes home.
 */
export function DeleteAccount({ username, check }: { username: string; check: DeletionCheck }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const password = useRef('');
  const { busy, fieldErrors, formError, call } = useApiCall();

  async function confirm() {
    // Closed first: focus returns to the button, and a wrong password then moves it to the field.
    setConfirming(false);
    const deleted = await call(api.deleteAccount, {
      body: check === 'password' ? { password: password.current } : {},
    });
    password.current = '';
    if (deleted) {
      // Signed out now: the header and every page render for nobody.
      router.replace('/');
      router.refresh();
    }
  }

  return (
    <>
      <Form
        error={formError}
        onSubmit={(data) => {
          password.current = textOf(data, 'password');
          setConfirming(true);
        }}
      >
        <p className="text-sm text-muted">
          Deleting your account removes your profile, articles, comments, likes, friendships,
          notifications and images for good. It cannot be undone.
        </p>
        {check === 'password' ? (
          <TextField
            label="Confirm with your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={fieldErrors.password}
          />
        ) : (
          <p className="text-sm">
            {check === 'fresh-sign-in'
              ? 'Your account has no password: you signed in with GitHub or Google moments ago, which confirms it is you.'
              : 'Your account has no password. To confirm it is you, sign out, sign in again with GitHub or Google, and come back here within 10 minutes.'}
          </p>
        )}
        <Button type="submit" variant="danger" busy={busy}>
          Delete account
        </Button>
      </Form>
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        confirmLabel="Delete my account"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        <p>
          This deletes @{username} and everything you wrote, liked and shared on Inkwell, for good.
          You will be signed out everywhere. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
