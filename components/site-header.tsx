import Link from 'next/link';
import { SignedInControls, SignedOutLinks } from '@/components/account/header-controls';
import { ReaderHeaderControls } from '@/components/reader/reader-header-controls';
import { SearchBox } from '@/components/search/search-box';
import { ThemeToggle } from '@/components/theme-toggle';
import { getViewer } from '@/lib/auth/get-viewer';
import { unreadCount } from '@/lib/notifications/cache';
import { preventPageCache, renderingForMembers } from '@/lib/request/context';

/** `signOut` is the server action behind the account menu's Sign out (the layout passes it). */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const viewer = await getViewer();
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight text-ink">
          Inkwell
        </Link>
        <SearchBox />
        <nav aria-label="Account" className="flex items-center gap-2 sm:gap-3">
          <ThemeToggle />
          {viewer.status !== 'signed-in' ? (
            <SignedOutLinks />
          ) : renderingForMembers() ? (
            // Kept for every signed-in reader: who is reading is filled in their browser.
            <ReaderHeaderControls signOut={signOut} />
          ) : (
            <SignedInControls
              user={viewer.user}
              unread={await unreadCount(viewer.user.id).catch(() => {
                preventPageCache('unread count unavailable');
                return 0;
              })}
              signOut={signOut}
            />
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
