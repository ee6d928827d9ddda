'use client';

import { useRouter } from 'next/navigation';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { api } from '@/lib/api/contract';

export function MarkAllRead() {
  const router = useRouter();
  const { busy, formError, call } = useApiCall();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        busy={busy}
        onClick={async () => {
          if (await call(api.markNotificationsRead, { body: {} })) router.refresh();
        }}
      >
        Mark all as read
      </Button>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
    </div>
  );
}
