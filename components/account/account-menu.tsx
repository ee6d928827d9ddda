import Link from 'next/link';
import { signOutAction } from '@/app/actions/auth';
import { Avatar } from '@/components/ui/avatar';
import type { PublicUser } from '@/lib/profiles/public-user';

/** The signed-in person's menu: a native disclosure, usable by keyboard and without script. */
export function AccountMenu({ user }: { user: PublicUser }) {
  return (
    <details className="group relative">
      <summary
        aria-label={`Account menu for ${user.displayName}`}
        className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 hover:bg-page [&::-webkit-details-marker]:hidden"
      >
        <Avatar user={user} size={36} decorative />
        <span className="hidden max-w-32 truncate text-sm font-medium sm:inline">
          {user.displayName}
        </span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-56 rounded-xl border border-line bg-surface p-2 shadow-lg">
        <p className="truncate px-3 py-2 text-sm text-muted">@{user.username}</p>
        <Link
          href={`/u/${user.usernameKey}`}
          className="block rounded-lg px-3 py-2 text-sm hover:bg-page"
        >
          Your profile
        </Link>
        <Link href="/settings" className="block rounded-lg px-3 py-2 text-sm hover:bg-page">
          Settings
        </Link>
        <form action={signOutAction}>
          <button
            type="submit"
            className="w-full rounded-lg px-3 py-2 text-left text-sm hover:bg-page"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
