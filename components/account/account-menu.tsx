import Link from 'next/link';
import { SignOutForm } from '@/components/account/sign-out-form';
import { Avatar } from '@/components/ui/avatar';
import { Menu, menuItemClasses } from '@/components/ui/menu';
import type { UserBadge } from '@/lib/users/public-user';

/** The signed-in person's menu: profile, settings and sign-out (`signOut`, a server action). */
export function AccountMenu({ user, signOut }: { user: UserBadge; signOut: () => Promise<void> }) {
  return (
    <Menu
      label={`Account menu for ${user.displayName}`}
      trigger={
        <>
          <Avatar user={user} size={36} decorative />
          <span className="hidden max-w-32 truncate text-sm font-medium sm:inline">
            {user.displayName}
          </span>
        </>
      }
    >
      <p className="truncate px-3 py-2 text-sm text-muted">@{user.username}</p>
      <Link href={`/u/${user.usernameKey}`} className={menuItemClasses}>
        Your profile
      </Link>
      <Link href="/dashboard" className={menuItemClasses}>
        Your articles
      </Link>
      <Link href="/saved" className={menuItemClasses}>
        Saved
      </Link>
      <Link href="/settings" className={menuItemClasses}>
        Settings
      </Link>
      <SignOutForm signOut={signOut} />
    </Menu>
  );
}
