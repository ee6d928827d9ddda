import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { AvatarForm } from '@/components/settings/avatar-form';
import { DebugPanelToggle } from '@/components/settings/debug-panel-toggle';
import { PasskeySettings } from '@/components/settings/passkey-settings';
import { PasswordForm } from '@/components/settings/password-form';
import { ProfileForm } from '@/components/settings/profile-form';
import { SessionList } from '@/components/settings/session-list';
import { Avatar } from '@/components/ui/avatar';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { describeUserAgent } from '@/lib/accounts/describe-user-agent';
import { pageViewer } from '@/lib/auth/page-viewer';
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
  const sessions = await listSessions(user.id);
  const { welcome } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Settings</h1>
      {welcome ? (
        <FormMessage tone="success">
          Welcome to Inkwell, {user.displayName}! Tell readers about yourself below.
        </FormMessage>
      ) : null}
      <section aria-labelledby="settings-profile" className="space-y-3">
        <h2 id="settings-profile" className="text-xl font-semibold">
          Profile
        </h2>
        <Card>
          <ProfileForm displayName={user.displayName} bio={user.bio} links={user.links} />
        </Card>
      </section>
      <section aria-labelledby="settings-avatar" className="space-y-3">
        <h2 id="settings-avatar" className="text-xl font-semibold">
          Avatar
        </h2>
        <Card className="flex flex-col gap-5 sm:flex-row">
          <Avatar user={user} size={96} />
          <div className="flex-1">
            <AvatarForm hasAvatar={user.avatar !== null} />
          </div>
        </Card>
      </section>
      <section aria-labelledby="settings-password" className="space-y-3">
        <h2 id="settings-password" className="text-xl font-semibold">
          Password
        </h2>
        <Card>
          <PasswordForm />
        </Card>
      </section>
      <PasskeySettings userId={user.id} />
      <section aria-labelledby="settings-debug" className="space-y-3">
        <h2 id="settings-debug" className="text-xl font-semibold">
          Request cost panel
        </h2>
        <Card>
          <DebugPanelToggle enabled={user.debugPanel} />
        </Card>
      </section>
      <section aria-labelledby="settings-sessions" className="space-y-3">
        <h2 id="settings-sessions" className="text-xl font-semibold">
          Signed-in sessions
        </h2>
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
      </section>
    </div>
  );
}
