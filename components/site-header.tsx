import Link from 'next/link';
import { AccountMenu } from '@/components/account/account-menu';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { ThemeToggle } from '@/components/theme-toggle';
import { buttonClasses } from '@/components/ui/button';
import { getViewer } from '@/lib/auth/get-viewer';

/** `signOut` is the server action behind the account menu's Sign out (the layout passes it). */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const viewer = await getViewer();
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight text-ink">
          Inkwell
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2 sm:gap-3">
          <ThemeToggle />
          {viewer.status === 'signed-in' ? (
            <>
              <Link href="/write" className={buttonClasses('ghost', 'px-3')}>
                Write
              </Link>
              <Link
                href="/friends"
                className={buttonClasses('ghost', 'hidden px-3 sm:inline-flex')}
              >
                Friends
              </Link>
              <NotificationBell userId={viewer.user.id} />
              <AccountMenu user={viewer.user} signOut={signOut} />
            </>
          ) : (
            <>
              <Link href="/signin" className={buttonClasses('ghost', 'px-3')}>
                Sign in
              </Link>
              <Link href="/signup" className={buttonClasses('primary')}>
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
      {viewer.status === 'unavailable' ? (
        <div role="status" className="border-t border-line bg-page px-4 py-2 text-center text-sm">
          Sign-in is temporarily unavailable. You can keep reading; please try again in a moment.
        </div>
      ) : null}
    </header>
  );
}
