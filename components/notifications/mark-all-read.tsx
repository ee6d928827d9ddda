'use client';

import { useRouter } from 'next/navigation';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

export function MarkAllRead() {
  const router = useRouter();
  const { busy, formError, submit } = useJsonSubmit<{ marked: number }>();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        busy={busy}
        onClick={async () => {
          if (await submit('/api/notifications/read', {})) router.refresh();
        }}
      >
        Mark all as read
      </Button>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
    </div>
  );
}
