import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleList } from '@/components/articles/article-list';
import { PersonRow } from '@/components/friends/person-row';
import { RelationshipActions } from '@/components/friends/relationship-actions';
import { MuteButton } from '@/components/mutes/mute-button';
import { ReportButton } from '@/components/moderation/report-button';
import { Avatar } from '@/components/ui/avatar';
import { JsonLd } from '@/components/ui/json-ld';
import { EmptyState } from '@/components/ui/card';
import { feedAlternates } from '@/lib/articles/feed';
import { listAuthorArticles } from '@/lib/articles/list-articles';
import { profilePageJsonLd } from '@/lib/articles/structured-data';
import { mutualFriends } from '@/lib/friends/queries';
import { getRelationship, type Relationship } from '@/lib/friends/relationship';
import { hasMuted } from '@/lib/mutes/list-muted';
import { getRenamedUser, getUserByUsername } from '@/lib/users/cache';
import type { PublicUser } from '@/lib/users/public-user';
import { getViewer } from '@/lib/auth/get-viewer';
import { parseCursor } from '@/lib/util/cursor';

type Props = { params: Promise<{ username: string }>; searchParams: Promise<{ before?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await getUserByUsername((await params).username);
  if (!user) return { title: 'Page not found' };
  return {
    title: `${user.displayName} (@${user.username})`,
    description: user.bio ? user.bio.slice(0, 160) : `${user.displayName} writes on Inkwell.`,
    alternates: feedAlternates(
      `/u/${user.usernameKey}/feed.xml`,
      `${user.displayName} on Inkwell (RSS)`,
    ),
  };
}

const joinedFormat = new Intl.DateTimeFormat('en', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The links a person lists on their profile (nofollow: written by them, not vouched for). */
function ProfileLinks({ links }: { links: PublicUser['links'] }) {
  if (links.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Links">
      {links.map((link) => (
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
  );
}

/** Who this is: avatar, name, bio, links, since when, friends, and the friend buttons. */
function ProfileHeader({
  user,
  relationship,
  muted,
}: {
  user: PublicUser;
  relationship: Relationship | null;
  /** Whether the viewer muted this person (null: signed out, or their own profile). */
  muted: boolean | null;
}) {
  return (
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
        <ProfileLinks links={user.links} />
        <p className="text-sm text-muted">
          Joined{' '}
          <time dateTime={user.joinedAt}>{joinedFormat.format(new Date(user.joinedAt))}</time>
          {' · '}
          {user.friendCount === 1 ? '1 friend' : `${user.friendCount} friends`}
        </p>
        {relationship && relationship !== 'self' ? (
          <RelationshipActions
            username={user.usernameKey}
            displayName={user.displayName}
            initial={relationship}
          />
        ) : null}
        {muted !== null ? (
          <div className="flex flex-wrap items-start gap-3">
            <MuteButton
              username={user.usernameKey}
              displayName={user.displayName}
              initial={muted}
            />
            <ReportButton kind="profile" id={user.id} signedIn />
          </div>
        ) : null}
      </div>
    </section>
  );
}

export default async function ProfilePage({ params, searchParams }: Props) {
  const { username } = await params;
  const user = await getUserByUsername(username);
  if (!user) {
    // The person renamed: their old address answers 308 to the new one.
    const renamed = await getRenamedUser(username);
    if (renamed) permanentRedirect(`/u/${renamed.usernameKey}`);
    notFound();
  }
  const viewer = await getViewer();
  const viewerId = viewer.status === 'signed-in' ? viewer.user.id : null;
  const [relationship, muted, mutual, articles] = await Promise.all([
    viewerId ? getRelationship(viewerId, user.id) : null,
    viewerId && viewerId !== user.id ? hasMuted(viewerId, user.id) : null,
    viewerId ? mutualFriends(viewerId, user.id) : null,
    listAuthorArticles(user.id, viewerId, parseCursor((await searchParams).before)),
  ]);
  return (
    <div className="space-y-8">
      <JsonLd data={profilePageJsonLd(user)} />
      <ProfileHeader user={user} relationship={relationship} muted={muted} />
      {mutual && relationship !== 'self' ? (
        <section aria-labelledby="profile-mutual" className="space-y-3">
          <h2 id="profile-mutual" className="font-serif text-2xl font-semibold">
            Mutual friends{' '}
            <span className="text-base font-normal text-muted">({mutual.total})</span>
          </h2>
          {mutual.total === 0 ? (
            <EmptyState title={`You and ${user.displayName} have no friends in common yet.`} />
          ) : (
            <ul className="divide-y divide-line" aria-label="Mutual friends">
              {mutual.people.map((person) => (
                <PersonRow key={person.id} user={person} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="profile-articles" className="space-y-4">
        <h2 id="profile-articles" className="font-serif text-2xl font-semibold">
          Articles
        </h2>
        <ArticleList
          page={articles}
          label={`Articles by ${user.displayName}`}
          basePath={`/u/${user.usernameKey}`}
          empty={`${user.displayName} has not published anything yet.`}
        />
      </section>
    </div>
  );
}
