'use client';

import { forgetAllPendingEdits } from '@/components/articles/editor/pending-edits';
import { menuItemClasses } from '@/components/ui/menu';

/**
 * The account menu's Sign out: a server action, and first this tab forgets what it kept of the
 * person (a published article's edits not yet made live), for whoever uses the computer next.
 */
export function SignOutForm({ signOut }: { signOut: () => Promise<void> }) {
  return (
    <form action={signOut} onSubmit={forgetAllPendingEdits}>
      <button type="submit" className={menuItemClasses}>
        Sign out
      </button>
    </form>
  );
}
