import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Avatar } from '@/components/ui/avatar';
import { EmptyState } from '@/components/ui/card';
import { getUserByUsername } from '@/lib/profiles/cache';

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getUserByUsername((await params).username);
  if (!user) return { title: 'Page not found' };
  return {
    title: `${user.displayName} (@${user.username})`,
    description: user.bio ? user.bio.slice(0, 160) : `${user.displayName} writes on Inkwell.`,
  };
}

const joinedFormat = new Intl.DateTimeFormat('en', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export default async function ProfilePage({ params }: Props) {
  const user = await getUserByUsername((await params).username);
  if (!user) notFound();
  return (
    <div className="space-y-8">
      <section
        aria-labelledby="profile-name"
        className="flex flex-col gap-5 sm:flex-row sm:items-start"
      >
        <Avatar user={user} size={96} />
        <div className="min-w-0 space-y-3">
          <div>
            <h1 id="profile-name" className="font-serif text-3xl font-bold break-words">
              {user.displayName}
            </h1>
            <p className="text-muted">@{user.username}</p>
          </div>
          {user.bio ? (
            <p className="max-w-prose whitespace-pre-line break-words">{user.bio}</p>
          ) : null}
          {user.links.length > 0 ? (
            <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Links">
              {user.links.map((link) => (
                <li key={link.url}>
                  <a
                    href={link.url}
                    rel="nofollow noopener ugc me"
                    className="text-accent underline break-all"
                  >
                    {link.label || new URL(link.url).host}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-sm text-muted">
            Joined{' '}
            <time dateTime={user.joinedAt}>{joinedFormat.format(new Date(user.joinedAt))}</time>
            {' · '}
            {user.friendCount === 1 ? '1 friend' : `${user.friendCount} friends`}
          </p>
        </div>
      </section>
      <section aria-labelledby="profile-articles" className="space-y-4">
        <h2 id="profile-articles" className="font-serif text-2xl font-semibold">
          Articles
        </h2>
        <EmptyState title={`${user.displayName} has not published anything yet.`} />
      </section>
    </div>
  );
}
