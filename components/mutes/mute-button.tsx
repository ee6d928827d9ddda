'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

/**
 * "Mute" / "Unmute" for one person: private to the viewer (the person is never told, and nothing
 * they can see changes). `onChanged` hears the state the server settled on.
 */
export function MuteButton({
  username,
  displayName,
  initial,
  named = false,
  onChanged,
}: {
  username: string;
  displayName: string;
  initial: boolean;
  /** Name the person in the button's accessible name, where several share a page (a list). */
  named?: boolean;
  onChanged?: (muted: boolean) => void;
}) {
  const [muted, setMuted] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const toast = useToast();

  async function toggle() {
    const action = muted ? 'unmute' : 'mute';
    setBusy(true);
    setError(undefined);
    const answer = await callApi(api.changeMute, { body: { username, action } });
    setBusy(false);
    if (!answer.ok) {
      setError(
        answer.reached
          ? (answer.failure?.formError ?? 'That did not work. Please try again.')
          : 'We could not reach Inkwell. Please try again.',
      );
      return;
    }
    setMuted(answer.value.muted);
    toast(
      answer.value.muted
        ? `${displayName} is muted. Only you know: they are not told.`
        : `${displayName} is unmuted.`,
    );
    onChanged?.(answer.value.muted);
  }

  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        onClick={toggle}
        busy={busy}
        aria-label={named ? `${muted ? 'Unmute' : 'Mute'} ${displayName}` : undefined}
      >
        {muted ? 'Unmute' : 'Mute'}
      </Button>
      <p role="status" className="text-sm text-muted">
        {muted && !named
          ? 'You muted this person: their comments and activity are hidden from you. Muting is private; they are not told.'
          : ''}
      </p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
