import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { AdvancedSettings } from '@/components/settings/advanced-settings';
import { AvatarForm } from '@/components/settings/avatar-form';
import { DeleteAccount } from '@/components/settings/delete-account';
import { DebugPanelToggle } from '@/components/settings/debug-panel-toggle';
import { MutedPeople } from '@/components/settings/muted-people';
import { EmailSection } from '@/components/settings/email-section';
import { PasskeySettings } from '@/components/settings/passkey-settings';
import { PasswordForm } from '@/components/settings/password-form';
import { ProfileForm } from '@/components/settings/profile-form';
import { SessionList } from '@/components/settings/session-list';
import { SettingsSection } from '@/components/settings/settings-section';
import { AccountIdentitySections } from '@/components/settings/account-identity-sections';
import { Avatar } from '@/components/ui/avatar';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { deletionCheckFor } from '@/lib/accounts/delete-account';
import { describeUserAgent } from '@/lib/accounts/describe-user-agent';
import { pageViewer } from '@/lib/auth/page-viewer';
import { listMuted } from '@/lib/mutes/list-muted';
import { listSessions, sessionHandle } from '@/lib/sessions/session-store';

export const metadata: Metadata = {
  title: 'Settings',
  description: 'Edit your Inkwell profile, password and signed-in sessions.',
};

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ welcome?: string }>;
}) {
  const viewer = await pageViewer('/settings');
  if (!viewer) return <SignInUnavailable title="Settings" />;
  const { user, sessionId } = viewer;
  const [sessions, muted] = await Promise.all([listSessions(user.id), listMuted(user.id)]);
  const { welcome } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Settings</h1>
      {welcome ? (
        <FormMessage tone="success">
          Welcome to Inkwell, {user.displayName}! Tell readers about yourself below.
        </FormMessage>
      ) : null}
      <SettingsSection id="settings-profile" title="Profile">
        <Card>
          <ProfileForm displayName={user.displayName} bio={user.bio} links={user.links} />
        </Card>
      </SettingsSection>
      <SettingsSection id="settings-avatar" title="Avatar">
        <Card className="flex flex-col gap-5 sm:flex-row">
          <Avatar user={user} size={96} />
          <div className="flex-1">
            <AvatarForm hasAvatar={user.avatar !== null} />
          </div>
        </Card>
      </SettingsSection>
      <EmailSection userId={user.id} />
      <AccountIdentitySections username={user.username} userId={user.id} />
      <SettingsSection id="settings-password" title="Password">
        <Card>
          <PasswordForm />
        </Card>
      </SettingsSection>
      <PasskeySettings userId={user.id} />
      <SettingsSection id="settings-sessions" title="Signed-in sessions">
        <SessionList
          sessions={sessions.map((session) => ({
            handle: sessionHandle(session.id),
            device: describeUserAgent(session.userAgent),
            ip: session.ip,
            lastSeenAt: session.lastSeenAt,
            createdAt: session.createdAt,
            current: session.id === sessionId,
          }))}
        />
      </SettingsSection>
      <MutedPeople people={muted} />
      <SettingsSection id="settings-delete" title="Delete account">
        <Card>
          <DeleteAccount username={user.username} check={await deletionCheckFor(viewer)} />
        </Card>
      </SettingsSection>
      <AdvancedSettings open={user.debugPanel}>
        <SettingsSection id="settings-debug" title="Request cost panel">
          <Card>
            <DebugPanelToggle enabled={user.debugPanel} />
          </Card>
        </SettingsSection>
      </AdvancedSettings>
    </div>
  );
}
