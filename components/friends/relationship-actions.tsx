'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { callApi } from '@/lib/api/client';
import { api, type RequestOf } from '@/lib/api/contract';
import type { Relationship } from '@/lib/friends/relationship';

type Action = RequestOf<typeof api.changeRelationship>['action'];

/** What each action leads to when it succeeds: shown at once, rolled back if the server refuses. */
const EXPECTED: Record<Action, Relationship> = {
  request: 'request-sent',
  cancel: 'none',
  accept: 'friends',
  decline: 'none',
  unfriend: 'none',
  block: 'blocked',
  unblock: 'none',
};

/** What a toast says once an action went through. */
const DONE: Record<Action, (name: string) => string> = {
  request: (name) => `Friend request sent to ${name}.`,
  cancel: (name) => `Friend request to ${name} cancelled.`,
  accept: (name) => `You and ${name} are now friends.`,
  decline: (name) => `Friend request from ${name} declined.`,
  unfriend: (name) => `You and ${name} are no longer friends.`,
  block: (name) => `${name} is blocked.`,
  unblock: (name) => `${name} is unblocked.`,
};

const STATUS: Partial<Record<Relationship, string>> = {
  friends: 'You are friends.',
  'request-sent': 'Friend request sent.',
  'request-received': 'Wants to be your friend.',
  blocked: 'You blocked this person.',
};

/**
 * The relationship with one person, changed optimistically and rolled back if refused;
 * `onChanged` hears the relationship the server settled on (a page's lists move the person).
 */
function useRelationship(
  username: string,
  displayName: string,
  initial: Relationship,
  onChanged?: (relationship: Relationship) => void,
) {
  const [relationship, setRelationship] = useState<Relationship>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [confirmingBlock, setConfirmingBlock] = useState(false);
  const toast = useToast();

  async function act(action: Action) {
    const before = relationship;
    setRelationship(EXPECTED[action]);
    setBusy(true);
    setError(undefined);
    setConfirmingBlock(false);
    const answer = await callApi(api.changeRelationship, { body: { username, action } });
    setBusy(false);
    if (answer.ok) {
      setRelationship(answer.value.relationship);
      toast(DONE[action](displayName));
      onChanged?.(answer.value.relationship);
      return;
    }
    setRelationship(before);
    setError(
      answer.reached
        ? (answer.failure?.formError ?? 'That did not work. Please try again.')
        : 'We could not reach Inkwell. Please try again.',
    );
  }

  return { relationship, busy, error, confirmingBlock, setConfirmingBlock, act };
}

type RelationshipState = ReturnType<typeof useRelationship>;

/** The buttons that fit the current relationship (fewer when `compact`, as in lists). */
function RelationshipButtons({
  state,
  displayName,
  compact,
}: {
  state: RelationshipState;
  displayName: string;
  compact: boolean;
}) {
  const { relationship, busy, confirmingBlock, setConfirmingBlock, act } = state;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {relationship === 'none' ? (
        <Button onClick={() => act('request')} disabled={busy}>
          Add friend
        </Button>
      ) : null}
      {relationship === 'request-sent' ? (
        <Button variant="secondary" onClick={() => act('cancel')} disabled={busy}>
          Cancel request
        </Button>
      ) : null}
      {relationship === 'request-received' ? (
        <>
          <Button
            onClick={() => act('accept')}
            disabled={busy}
            aria-label={compact ? `Accept ${displayName}` : undefined}
          >
            Accept
          </Button>
          <Button
            variant="secondary"
            onClick={() => act('decline')}
            disabled={busy}
            aria-label={compact ? `Decline ${displayName}` : undefined}
          >
            Decline
          </Button>
        </>
      ) : null}
      {relationship === 'friends' && !compact ? (
        <Button variant="secondary" onClick={() => act('unfriend')} disabled={busy}>
          Unfriend
        </Button>
      ) : null}
      {relationship === 'blocked' ? (
        <Button variant="secondary" onClick={() => act('unblock')} disabled={busy}>
          Unblock
        </Button>
      ) : null}
      {!compact && relationship !== 'blocked' && !confirmingBlock ? (
        <Button variant="ghost" onClick={() => setConfirmingBlock(true)} disabled={busy}>
          Block
        </Button>
      ) : null}
    </div>
  );
}

/** Blocking asks once more, saying what it does. */
function BlockConfirmation({
  state,
  displayName,
}: {
  state: RelationshipState;
  displayName: string;
}) {
  return (
    <div
      role="group"
      aria-label={`Confirm blocking ${displayName}`}
      className="space-y-2 rounded-lg border border-line p-3 text-sm"
    >
      <p>
        Block {displayName}? You will stop being friends, and neither of you will see the other in
        streams or suggestions.
      </p>
      <div className="flex gap-2">
        <Button variant="danger" onClick={() => state.act('block')} disabled={state.busy}>
          Block {displayName}
        </Button>
        <Button variant="secondary" onClick={() => state.setConfirmingBlock(false)}>
          Keep
        </Button>
      </div>
    </div>
  );
}

/** Friend and block buttons for another person, with optimistic updates. */
export function RelationshipActions({
  username,
  displayName,
  initial,
  compact = false,
  onChanged,
}: {
  username: string;
  displayName: string;
  initial: Relationship;
  compact?: boolean;
  onChanged?: (relationship: Relationship) => void;
}) {
  const state = useRelationship(username, displayName, initial, onChanged);
  if (state.relationship === 'self') return null;
  const status = STATUS[state.relationship];
  return (
    <div className="space-y-2">
      <RelationshipButtons state={state} displayName={displayName} compact={compact} />
      {state.confirmingBlock ? <BlockConfirmation state={state} displayName={displayName} /> : null}
      <p role="status" className="text-sm text-muted">
        {status && !compact ? status : ''}
      </p>
      {state.error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
