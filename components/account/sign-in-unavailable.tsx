import { FormMessage } from '@/components/ui/form-message';

/** What a signed-in page shows while sessions cannot be read (Redis away). */
export function SignInUnavailable({ title }: { title: string }) {
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">{title}</h1>
      <FormMessage tone="error">
        Sign-in is temporarily unavailable, so this page cannot be shown. Please try again in a
        moment.
      </FormMessage>
    </div>
  );
}
