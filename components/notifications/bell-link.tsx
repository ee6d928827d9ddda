'use client';

import Link from 'next/link';
import { StrokeIcon } from '@/components/ui/stroke-icon';
import { useUnread } from './unread-store';

/** The bell in the header, with the unread count, kept current while the page is open. */
export function BellLink({ unread: rendered }: { unread: number }) {
  const unread = useUnread(rendered);
  const label = !unread ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex h-10 w-10 items-center justify-center rounded-full border border-line hover:bg-page"
    >
      <StrokeIcon className="h-5 w-5">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </StrokeIcon>
      {unread ? (
        <span
          aria-hidden="true"
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-accent px-1.5 text-center text-xs font-bold leading-5 text-accent-ink"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
