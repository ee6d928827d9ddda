'use client';

import { useEffect } from 'react';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import { setUnread } from './unread-store';

/**
 * Opening the page marks what it shows as read (up to `through`, the newest shown, so nothing that
 * arrives meanwhile), after it rendered them as new; the bell follows at once.
 */
export function MarkSeen({ through }: { through: string }) {
  useEffect(() => {
    void callApi(api.markNotificationsRead, { body: { through } }).then((answer) => {
      if (answer.ok) setUnread(answer.value.unread);
    });
  }, [through]);
  return null;
}
