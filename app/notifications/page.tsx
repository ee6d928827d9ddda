import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import Link from 'next/link';
import { MarkAllRead } from '@/components/notifications/mark-all-read';
import { MarkSeen } from '@/components/notifications/mark-seen';
import { Avatar } from '@/components/ui/avatar';
import { EmptyState } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { listNotifications, type NotificationView } from '@/lib/notifications/list-notifications';
import { pageViewer } from '@/lib/auth/page-viewer';
import { dataExportPath } from '@/lib/data-export/paths';

export const metadata: Metadata = {
  title: 'Notifications',
  description: 'Friend requests, new friends, comments, replies and likes on Inkwell.',
};

function describe(notification: NotificationView): string {
  switch (notification.kind) {
    case 'friend-request':
      return 'sent you a friend request.';
    case 'friend-accepted':
      return 'accepted your friend request.';
    case 'comment':
      return 'commented on your article';
    case 'comment-reply':
      return notification.article ? 'replied to your comment on' : 'replied to your comment';
    case 'like':
      return 'liked your article';
    case 'scheduled-published':
      return 'Your scheduled article is published:';
    case 'scheduled-failed':
      return 'Your scheduled article could not be published (it is back among your drafts):';
    case 'data-export':
      return 'The copy of your data you asked for is ready.';
    case 'moderation':
      return 'The moderators made a decision about something you posted.';
    case 'report-handled':
      return 'Thank you: the moderators handled a report you sent.';
  }
}

const ABOUT_YOURSELF = new Set(['scheduled-published', 'scheduled-failed']);

/** Your own export is ready: the link to it (it works for you alone, for 7 days). */
function DataExportReady({ notification }: { notification: NotificationView }) {
  return (
    <p>
      {describe(notification)}{' '}
      {notification.subjectId ? (
        <Link
          href={dataExportPath(notification.subjectId)}
          className="font-medium text-accent underline"
          prefetch={false}
        >
          Download your data (zip)
        </Link>
      ) : null}
      {notification.read ? null : <span className="sr-only"> (unread)</span>}
    </p>
  );
}

/** From the moderators, who stay unnamed: a decision about your post (and why), or your report. */
function ModerationNote({ notification }: { notification: NotificationView }) {
  return (
    <p>
      {describe(notification)}{' '}
      {notification.kind === 'moderation' && notification.subjectId ? (
        <Link
          href={`/notices/${notification.subjectId}`}
          className="font-medium text-accent underline"
        >
          See what and why
        </Link>
      ) : null}
      {notification.read ? null : <span className="sr-only"> (unread)</span>}
    </p>
  );
}

/** One notification: who, what, on which article, when, and whether it is new. */
function NotificationItem({ notification }: { notification: NotificationView }) {
  return (
    <li className={`flex items-start gap-3 p-4 ${notification.read ? '' : 'bg-page'}`}>
      {notification.actor ? <Avatar user={notification.actor} size={40} decorative /> : null}
      <div className="min-w-0 flex-1">
        {notification.kind === 'data-export' ? (
          <DataExportReady notification={notification} />
        ) : notification.kind === 'moderation' || notification.kind === 'report-handled' ? (
          <ModerationNote notification={notification} />
        ) : (
          <p>
            {ABOUT_YOURSELF.has(notification.kind) ? (
              <YourArticle notification={notification} />
            ) : (
              <SomeoneDid notification={notification} />
            )}
            {notification.read ? null : <span className="sr-only"> (unread)</span>}
          </p>
        )}
        <p className="text-sm text-muted">
          <RelativeTime iso={notification.createdAt} />
          {notification.kind === 'friend-request' ? (
            <>
              {' · '}
              <Link href="/friends" className="underline">
                Answer on your friends page
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {notification.read ? null : (
        <span aria-hidden="true" className="mt-2 h-2.5 w-2.5 rounded-full bg-accent" />
      )}
    </li>
  );
}

export default async function NotificationsPage() {
  const viewer = await pageViewer('/notifications');
  if (!viewer) return <SignInUnavailable title="Notifications" />;
  const notifications = await listNotifications(viewer.user.id);
  const unread = notifications.filter((notification) => !notification.read).length;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">Notifications</h1>
        {unread > 0 ? <MarkAllRead /> : null}
      </div>
      {unread > 0 && notifications[0] ? <MarkSeen through={notifications[0].createdAt} /> : null}
      {notifications.length === 0 ? (
        <EmptyState title="Nothing new.">
          Friend requests, comments and likes will show up here.
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-line rounded-xl border border-line bg-surface"
          aria-label="Notifications"
        >
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** A notification about the reader's own article: a link to it, or to its editor as a draft. */
function YourArticle({ notification }: { notification: NotificationView }) {
  const link = notification.article ?? {
    title: 'open it in the editor',
    path: `/write/${notification.subjectId ?? ''}`,
  };
  return (
    <>
      {describe(notification)}{' '}
      <Link href={link.path} className="font-medium text-accent underline">
        {link.title}
      </Link>
    </>
  );
}

/** Someone's doing: who, what, and on which article. */
function SomeoneDid({ notification }: { notification: NotificationView }) {
  return (
    <>
      {notification.actor ? (
        <Link href={`/u/${notification.actor.usernameKey}`} className="font-medium hover:underline">
          {notification.actor.displayName}
        </Link>
      ) : (
        'Someone'
      )}{' '}
      {describe(notification)}
      {notification.article ? (
        <>
          {' '}
          <Link href={notification.article.path} className="font-medium text-accent underline">
            {notification.article.title}
          </Link>
          .
        </>
      ) : ['comment', 'comment-reply', 'like'].includes(notification.kind) ? (
        '.'
      ) : null}
    </>
  );
}
