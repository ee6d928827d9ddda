import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { RelativeTime } from '@/components/ui/relative-time';
import { EmptyState } from '@/components/ui/card';
import type { StreamItem, StreamPage } from '@/lib/activity/read-stream';
import { articlePath } from '@/lib/articles/get-article-page';
import type { PublicUser } from '@/lib/users/public-user';

function Person({ user }: { user: PublicUser }) {
  return (
    <Link href={`/u/${user.usernameKey}`} className="font-medium hover:underline">
      {user.displayName}
    </Link>
  );
}

function likedBy(item: Extract<StreamItem, { kind: 'liked' }>) {
  const [first, second] = item.likers;
  const others = item.totalLikers - item.likers.length;
  if (!first) return null;
  if (!second) return <Person user={first} />;
  if (others === 0) {
    return (
      <>
        <Person user={first} /> and <Person user={second} />
      </>
    );
  }
  return (
    <>
      <Person user={first} />, <Person user={second} /> and{' '}
      {others === 1 ? '1 other' : `${others} others`}
    </>
  );
}

function Item({ item }: { item: StreamItem }) {
  const time = <RelativeTime iso={new Date(item.at).toISOString()} />;
  switch (item.kind) {
    case 'published':
      return (
        <div className="space-y-2">
          <p className="flex items-center gap-2 text-sm text-muted">
            <Avatar user={item.actor} size={24} decorative />
            <Person user={item.actor} /> published · {time}
          </p>
          <h3 className="font-serif text-xl font-bold">
            <Link href={articlePath(item.author, item.article.slug)} className="hover:underline">
              {item.article.title}
            </Link>
          </h3>
          {item.article.excerpt ? <p className="text-muted">{item.article.excerpt}</p> : null}
        </div>
      );
    case 'befriended':
      return (
        <p className="flex items-center gap-2">
          <Avatar user={item.other} size={24} decorative />
          <span>
            You and <Person user={item.other} /> are now friends ·{' '}
            <span className="text-muted">{time}</span>
          </span>
        </p>
      );
    case 'commented':
      return (
        <p>
          <Person user={item.actor} /> commented on{' '}
          <Link
            href={articlePath(item.author, item.article.slug)}
            className="font-medium text-accent underline"
          >
            {item.article.title}
          </Link>{' '}
          · <span className="text-muted">{time}</span>
        </p>
      );
    case 'liked':
      return (
        <p>
          {likedBy(item)} liked{' '}
          <Link
            href={articlePath(item.author, item.article.slug)}
            className="font-medium text-accent underline"
          >
            {item.article.title}
          </Link>{' '}
          · <span className="text-muted">{time}</span>
        </p>
      );
  }
}

/** The signed-in home page's activity stream, newest first, with a link to older entries. */
export function StreamList({ page }: { page: StreamPage }) {
  if (page.items.length === 0) {
    return (
      <EmptyState title="Your stream is empty.">
        When your friends publish, or people comment on and like your articles, it shows up here.{' '}
        <Link href="/friends" className="text-accent underline">
          Find friends
        </Link>
        .
      </EmptyState>
    );
  }
  return (
    <div>
      <ul className="divide-y divide-line" aria-label="Your stream">
        {page.items.map((item) => (
          <li key={item.id} className="min-w-0 py-4 [overflow-wrap:anywhere]">
            <Item item={item} />
          </li>
        ))}
      </ul>
      {page.nextCursor !== null ? (
        <nav aria-label="Stream pages" className="pt-4">
          <Link
            href={`/?streamBefore=${page.nextCursor}`}
            rel="next"
            className="font-medium text-accent underline"
          >
            Older activity
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
