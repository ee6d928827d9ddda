import { buttonClasses } from '@/components/ui/button';
import { oauthProviders } from '@/lib/auth/auth';

/**
 * GitHub and Google sign-in, shown only when their variables are set. `action` starts the
 * provider's sign-in (the page passes its server action: components sit below app/).
 */
export function OAuthButtons({
  action,
  callbackUrl = '/',
}: {
  action: (formData: FormData) => Promise<void>;
  callbackUrl?: string;
}) {
  const providers = oauthProviders();
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      <p className="text-center text-sm text-muted">or continue with</p>
      {providers.map((provider) => (
        <form key={provider.id} action={action}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className={buttonClasses('secondary', 'w-full')}>
            {provider.name}
          </button>
        </form>
      ))}
    </div>
  );
}
