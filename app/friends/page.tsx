import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import type { ReactNode } from 'react';
import { PersonRow } from '@/components/friends/person-row';
import { RelationshipActions } from '@/components/friends/relationship-actions';
import { EmptyState } from '@/components/ui/card';
import { listBlocked, listFriends, listRequests, suggestFriends } from '@/lib/friends/queries';
import { pageViewer } from '@/lib/auth/page-viewer';
import type { Relationship } from '@/lib/friends/relationship';
import type { PublicUser } from '@/lib/users/public-user';

export const metadata: Metadata = {
  title: 'Friends',
  description: 'Your friends, friend requests and people you may know on Inkwell.',
};

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
        {count !== undefined ? (
          <span className="ml-2 text-base font-normal text-muted">({count})</span>
        ) : null}
      </h2>
      {children}
    </section>
  );
}

/**
 * People in a list, each with the friend buttons that fit `relationship` (none when it is null:
 * your friends are managed from their profiles).
 */
function PeopleList({
  label,
  people,
  relationship,
}: {
  label: string;
  people: { user: PublicUser; detail?: string }[];
  relationship: Relationship | null;
}) {
  return (
    <ul className="divide-y divide-line" aria-label={label}>
      {people.map(({ user, detail }) => (
        <PersonRow key={user.id} user={user} detail={detail}>
          {relationship ? (
            <RelationshipActions
              username={user.usernameKey}
              displayName={user.displayName}
              initial={relationship}
              compact
            />
          ) : null}
        </PersonRow>
      ))}
    </ul>
  );
}

const them = (users: PublicUser[], detail?: string) => users.map((user) => ({ user, detail }));

export default async function FriendsPage() {
  const viewer = await pageViewer('/friends');
  if (!viewer) return <SignInUnavailable title="Friends" />;
  const userId = viewer.user.id;
  const [friends, requests, suggestions, blocked] = await Promise.all([
    listFriends(userId),
    listRequests(userId),
    suggestFriends(userId),
    listBlocked(userId),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <h1 className="font-serif text-3xl font-bold">Friends</h1>
      <Section id="incoming" title="Friend requests" count={requests.incoming.length}>
        {requests.incoming.length === 0 ? (
          <EmptyState title="No friend requests right now." />
        ) : (
          <PeopleList
            label="Friend requests"
            people={them(requests.incoming, 'wants to be your friend')}
            relationship="request-received"
          />
        )}
      </Section>
      <Section id="friends" title="Your friends" count={friends.length}>
        {friends.length === 0 ? (
          <EmptyState title="You have no friends on Inkwell yet.">
            Visit someone&apos;s profile and choose “Add friend”, or pick from the suggestions
            below.
          </EmptyState>
        ) : (
          <PeopleList label="Your friends" people={them(friends)} relationship={null} />
        )}
      </Section>
      <Section id="outgoing" title="Requests you sent" count={requests.outgoing.length}>
        {requests.outgoing.length === 0 ? (
          <EmptyState title="No pending requests." />
        ) : (
          <PeopleList
            label="Requests you sent"
            people={them(requests.outgoing)}
            relationship="request-sent"
          />
        )}
      </Section>
      <Section id="suggestions" title="People you may know">
        {suggestions.length === 0 ? (
          <EmptyState title="No suggestions yet.">
            Suggestions come from your friends&apos; friends.
          </EmptyState>
        ) : (
          <PeopleList
            label="People you may know"
            people={suggestions.map(({ user, mutual }) => ({
              user,
              detail: mutual === 1 ? '1 mutual friend' : `${mutual} mutual friends`,
            }))}
            relationship="none"
          />
        )}
      </Section>
      {blocked.length > 0 ? (
        <Section id="blocked" title="Blocked" count={blocked.length}>
          <PeopleList label="Blocked people" people={them(blocked)} relationship="blocked" />
        </Section>
      ) : null}
    </div>
  );
}
