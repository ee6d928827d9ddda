import Link from 'next/link';
import { AccountMenu } from '@/components/account/account-menu';
import { BellLink } from '@/components/notifications/bell-link';
import { buttonClasses } from '@/components/ui/button';
import { StrokeIcon } from '@/components/ui/stroke-icon';
import type { UserBadge } from '@/lib/users/public-user';

/** The header's controls for a signed-in person: write, friends, notifications, their menu. */
export function SignedInControls({
  user,
  unread,
  signOut,
}: {
  user: UserBadge;
  unread: number;
  signOut: () => Promise<void>;
}) {
  return (
    <>
      {/* A pen on phones (the header has no room for the word), "Write" from sm up. */}
      <Link href="/write" className={buttonClasses('ghost', 'px-2 sm:px-3')}>
        <StrokeIcon className="h-5 w-5 sm:hidden">
          <path d="M12 20h9" />
          <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
        </StrokeIcon>
        <span className="sr-only whitespace-nowrap sm:not-sr-only">Write</span>
      </Link>
      <Link href="/friends" className={buttonClasses('ghost', 'px-3 max-sm:hidden')}>
        Friends
      </Link>
      <BellLink unread={unread} />
      <AccountMenu user={user} signOut={signOut} />
    </>
  );
}

/** The header's links for someone not signed in. */
export function SignedOutLinks() {
  return (
    <>
      <Link href="/signin" className={buttonClasses('ghost', 'px-3')}>
        Sign in
      </Link>
      <Link href="/signup" className={buttonClasses('primary')}>
        Sign up
      </Link>
    </>
  );
}
