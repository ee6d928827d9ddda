import { PersonRow } from '@/components/friends/person-row';
import { MuteButton } from '@/components/mutes/mute-button';
import { Card } from '@/components/ui/card';
import { SettingsSection } from './settings-section';
import type { PublicUser } from '@/lib/users/public-user';

/** The people the viewer muted, each with "Unmute <name>" (and "Mute <name>" again, to undo). */
export function MutedPeople({ people }: { people: PublicUser[] }) {
  return (
    <SettingsSection id="settings-muted" title="Muted people">
      <Card className="space-y-3">
        <p className="text-sm text-muted">
          Their comments and activity are hidden from you, and they cause you no notifications.
          Muting is private: they are not told, and nothing changes for them.
        </p>
        {people.length === 0 ? (
          <p>You have not muted anyone. Mute someone from their profile.</p>
        ) : (
          <ul className="divide-y divide-line" aria-label="Muted people">
            {people.map((person) => (
              <PersonRow key={person.id} user={person}>
                <MuteButton
                  username={person.usernameKey}
                  displayName={person.displayName}
                  initial
                  named
                />
              </PersonRow>
            ))}
          </ul>
        )}
      </Card>
    </SettingsSection>
  );
}
