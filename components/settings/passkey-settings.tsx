import { Card } from '@/components/ui/card';
import { listPasskeys } from '@/lib/passkeys/list-passkeys';
import { twoStepStatus } from '@/lib/passkeys/two-step-status';
import { PasskeyList } from './passkey-list';
import { TwoStepSetting } from './two-step-setting';

/** The settings page's passkeys and two-step sign-in sections, for the signed-in person only. */
export async function PasskeySettings({ userId }: { userId: string }) {
  const [passkeys, twoStep] = await Promise.all([listPasskeys(userId), twoStepStatus(userId)]);
  return (
    <>
      <section aria-labelledby="settings-passkeys" className="space-y-3">
        <h2 id="settings-passkeys" className="text-xl font-semibold">
          Passkeys
        </h2>
        <Card>
          <PasskeyList passkeys={passkeys} />
        </Card>
      </section>
      <section aria-labelledby="settings-two-step" className="space-y-3">
        <h2 id="settings-two-step" className="text-xl font-semibold">
          Two-step sign-in
        </h2>
        <Card>
          <TwoStepSetting {...twoStep} />
        </Card>
      </section>
    </>
  );
}
