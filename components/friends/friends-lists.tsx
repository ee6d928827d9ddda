'use client';

import { useState, type ReactNode } from 'react';
import { EmptyState } from '@/components/ui/card';
import type { OverviewPerson, OverviewRelationship } from '@/lib/friends/friends-overview';
import type { Relationship } from '@/lib/friends/relationship';
import { PersonRow } from './person-row';
import { RelationshipActions } from './relationship-actions';

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

/** People in a list, each with the friend buttons that fit where they stand (none for friends). */
function PeopleList({
  label,
  people,
  detail,
  onChanged,
}: {
  label: string;
  people: OverviewPerson[];
  detail: (person: OverviewPerson) => string | undefined;
  onChanged: ((userId: string) => (relationship: Relationship) => void) | null;
}) {
  return (
    <ul className="divide-y divide-line" aria-label={label}>
      {people.map((person) => (
        <PersonRow key={person.user.id} user={person.user} detail={detail(person)}>
          {onChanged ? (
            <RelationshipActions
              username={person.user.usernameKey}
              displayName={person.user.displayName}
              initial={person.relationship}
              compact
              onChanged={onChanged(person.user.id)}
            />
          ) : null}
        </PersonRow>
      ))}
    </ul>
  );
}

const OVERVIEW: ReadonlySet<Relationship> = new Set<OverviewRelationship>([
  'friends',
  'request-received',
  'request-sent',
  'blocked',
  'none',
]);

/**
 * The /friends page's lists, all derived from one state (a person and where they stand): an
 * action moves the person to the list that fits at once, so no two lists ever disagree.
 */
export function FriendsLists({ initial }: { initial: OverviewPerson[] }) {
  const [people, setPeople] = useState(initial);

  const move = (userId: string) => (relationship: Relationship) =>
    setPeople((current) =>
      current.flatMap((person) => {
        if (person.user.id !== userId) return [person];
        // Someone who blocked the viewer meanwhile leaves the page.
        if (!OVERVIEW.has(relationship)) return [];
        return [{ ...person, relationship: relationship as OverviewRelationship }];
      }),
    );

  const having = (relationship: OverviewRelationship) =>
    people.filter((person) => person.relationship === relationship);
  const incoming = having('request-received');
  const friends = having('friends');
  const outgoing = having('request-sent');
  const blocked = having('blocked');
  // A suggestion is someone suggested by the server whom the viewer has not asked yet.
  const suggestions = having('none').filter((person) => person.mutual !== undefined);

  const list = (
    label: string,
    shown: OverviewPerson[],
    detail: (person: OverviewPerson) => string | undefined,
    withActions = true,
  ) => (
    <PeopleList
      label={label}
      people={shown}
      detail={detail}
      onChanged={withActions ? move : null}
    />
  );

  return (
    <>
      <Section id="incoming" title="Friend requests" count={incoming.length}>
        {incoming.length === 0 ? (
          <EmptyState title="No friend requests right now." />
        ) : (
          list('Friend requests', incoming, () => 'wants to be your friend')
        )}
      </Section>
      <Section id="friends" title="Your friends" count={friends.length}>
        {friends.length === 0 ? (
          <EmptyState title="You have no friends on Inkwell yet.">
            Visit someone&apos;s profile and choose “Add friend”, or pick from the suggestions
            below.
          </EmptyState>
        ) : (
          // Friends are managed from their profiles.
          list('Your friends', friends, () => undefined, false)
        )}
      </Section>
      <Section id="outgoing" title="Requests you sent" count={outgoing.length}>
        {outgoing.length === 0 ? (
          <EmptyState title="No pending requests." />
        ) : (
          list('Requests you sent', outgoing, () => undefined)
        )}
      </Section>
      <Section id="suggestions" title="People you may know">
        {suggestions.length === 0 ? (
          <EmptyState title="No suggestions yet.">
            Suggestions come from your friends&apos; friends.
          </EmptyState>
        ) : (
          list('People you may know', suggestions, ({ mutual }) =>
            mutual === 1 ? '1 mutual friend' : `${mutual ?? 0} mutual friends`,
          )
        )}
      </Section>
      {blocked.length > 0 ? (
        <Section id="blocked" title="Blocked" count={blocked.length}>
          {list('Blocked people', blocked, () => undefined)}
        </Section>
      ) : null}
    </>
  );
}
