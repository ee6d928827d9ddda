import Link from 'next/link';
import type { ReactNode } from 'react';
import { Avatar } from '@/components/ui/avatar';
import type { PublicUser } from '@/lib/users/public-user';

/** A person in a list: avatar, name linking to the profile, a detail line and actions. */
export function PersonRow({
  user,
  detail,
  children,
}: {
  user: PublicUser;
  detail?: string;
  children?: ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="flex min-w-0 items-center gap-3">
        <Avatar user={user} size={44} decorative />
        <div className="min-w-0">
          <Link
            href={`/u/${user.usernameKey}`}
            className="block truncate font-medium hover:underline"
          >
            {user.displayName}
          </Link>
          <p className="truncate text-sm text-muted">
            @{user.username}
            {detail ? ` · ${detail}` : ''}
          </p>
        </div>
      </div>
      {children}
    </li>
  );
}
