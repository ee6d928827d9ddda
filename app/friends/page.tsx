import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import type { ReactNode } from 'react';
import { PersonRow } from '@/components/friends/person-row';
import { RelationshipActions } from '@/components/friends/relationship-actions';
import { EmptyState } from '@/components/ui/card';
import { listBlocked, listFriends, listRequests, suggestFriends } from '@/lib/friends/queries';
import { pageViewer } from '@/lib/auth/page-viewer';

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
          <ul className="divide-y divide-line" aria-label="Friend requests">
            {requests.incoming.map((user) => (
              <PersonRow key={user.id} user={user} detail="wants to be your friend">
                <RelationshipActions
                  username={user.usernameKey}
                  displayName={user.displayName}
                  initial="request-received"
                  compact
                />
              </PersonRow>
            ))}
          </ul>
        )}
      </Section>
      <Section id="friends" title="Your friends" count={friends.length}>
        {friends.length === 0 ? (
          <EmptyState title="You have no friends on Inkwell yet.">
            Visit someone&apos;s profile and choose “Add friend”, or pick from the suggestions
            below.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-line" aria-label="Your friends">
            {friends.map((user) => (
              <PersonRow key={user.id} user={user} />
            ))}
          </ul>
        )}
      </Section>
      <Section id="outgoing" title="Requests you sent" count={requests.outgoing.length}>
        {requests.outgoing.length === 0 ? (
          <EmptyState title="No pending requests." />
        ) : (
          <ul className="divide-y divide-line" aria-label="Requests you sent">
            {requests.outgoing.map((user) => (
              <PersonRow key={user.id} user={user}>
                <RelationshipActions
                  username={user.usernameKey}
                  displayName={user.displayName}
                  initial="request-sent"
                  compact
                />
              </PersonRow>
            ))}
          </ul>
        )}
      </Section>
      <Section id="suggestions" title="People you may know">
        {suggestions.length === 0 ? (
          <EmptyState title="No suggestions yet.">
            Suggestions come from your friends&apos; friends.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-line" aria-label="People you may know">
            {suggestions.map(({ user, mutual }) => (
              <PersonRow
                key={user.id}
                user={user}
                detail={mutual === 1 ? '1 mutual friend' : `${mutual} mutual friends`}
              >
                <RelationshipActions
                  username={user.usernameKey}
                  displayName={user.displayName}
                  initial="none"
                  compact
                />
              </PersonRow>
            ))}
          </ul>
        )}
      </Section>
      {blocked.length > 0 ? (
        <Section id="blocked" title="Blocked" count={blocked.length}>
          <ul className="divide-y divide-line" aria-label="Blocked people">
            {blocked.map((user) => (
              <PersonRow key={user.id} user={user}>
                <RelationshipActions
                  username={user.usernameKey}
                  displayName={user.displayName}
                  initial="blocked"
                  compact
                />
              </PersonRow>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
