'use client';

import { SignedInControls, SignedOutLinks } from '@/components/account/header-controls';
import { useReader } from './reader-store';

/**
 * The header's own part on a page kept for every signed-in reader: filled from the reader's state
 * once it arrives; until then a placeholder of the same size, so nothing moves.
 */
export function ReaderHeaderControls({ signOut }: { signOut: () => Promise<void> }) {
  const reader = useReader(false);
  if (reader?.status === 'signed-in')
    return <SignedInControls user={reader.user} unread={reader.unread} signOut={signOut} />;
  if (reader?.status === 'signed-out' || reader?.status === 'unavailable')
    return <SignedOutLinks />;
  return (
    <span role="status" className="flex items-center gap-2">
      <span className="sr-only">Loading your account…</span>
      <span aria-hidden="true" className="h-10 w-10 animate-pulse rounded-full bg-line" />
      <span aria-hidden="true" className="h-9 w-9 animate-pulse rounded-full bg-line sm:w-28" />
    </span>
  );
}
