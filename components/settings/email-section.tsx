import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';
import { readAccountEmail, type AccountEmail } from '@/lib/accounts/read-account-email';
import { RECENT_SIGN_IN_MINUTES } from '@/lib/accounts/reauthenticate';
import { EmailForm } from './email-form';

/** The settings section for the account's e-mail address (read from MongoDB: never cached). */
export async function EmailSection({ userId }: { userId: string }) {
  let account: AccountEmail | null = null;
  try {
    account = await readAccountEmail(userId);
  } catch {
    // MongoDB away: the rest of the settings still work.
  }
  return (
    <section aria-labelledby="settings-email" className="space-y-3">
      <h2 id="settings-email" className="text-xl font-semibold">
        Email
      </h2>
      <Card>
        {account ? (
          <EmailForm
            currentEmail={account.email}
            hasPassword={account.hasPassword}
            recentMinutes={RECENT_SIGN_IN_MINUTES}
          />
        ) : (
          <FormMessage tone="error">
            Your email address cannot be shown just now. Please try again in a moment.
          </FormMessage>
        )}
      </Card>
    </section>
  );
}
