'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

export function DebugPanelToggle({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [checked, setChecked] = useState(enabled);
  const [error, setError] = useState<string>();
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-3">
        <input
          type="checkbox"
          checked={checked}
          onChange={async (event) => {
            const next = event.target.checked;
            setChecked(next);
            setError(undefined);
            const answer = await callApi(api.setDebugPanel, { body: { enabled: next } });
            if (answer.ok) router.refresh();
            else {
              setChecked(!next);
              setError('The setting could not be saved. Please try again.');
            }
          }}
        />
        Show what each page cost the servers: a small panel on every page counting the database and
        cache work and the time it took
      </label>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
    </div>
  );
}
