import Link from 'next/link';
import { AccountMenu } from '@/components/account/account-menu';
import { BellLink } from '@/components/notifications/bell-link';
import { buttonClasses } from '@/components/ui/button';
import type { UserBadge } from '@/lib/users/public-user';

/** The header's controls for a signed-in person: friends, notifications, their menu. */
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
