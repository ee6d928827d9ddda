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
              {/* A pen on phones (the header has no room for the word), "Write" from sm up. */}
              <Link href="/write" className={buttonClasses('ghost', 'px-2 sm:px-3')}>
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="h-5 w-5 sm:hidden"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d="M12 20h9" />
                  <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z" />
                </svg>
                <span className="sr-only whitespace-nowrap sm:not-sr-only">Write</span>
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
