'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { api } from '@/lib/api/contract';
import type { DataExportView } from '@/lib/data-export/latest-export';
import { formatBytes } from '@/lib/util/format-bytes';

/** Every 2 s for the first minute (most exports), then every 15 s: a refresh renders the page. */
const POLL_MS = 2_000;
const SLOW_POLL_MS = 15_000;
const FAST_POLLS = 30;

const expiryFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * "Download your data": starts the export, says "Preparing your data…" while the job builds it
 * (refreshing the page's data until it is ready), then offers the link until it expires.
 */
export function DataExportPanel({ current }: { current: DataExportView | null }) {
  const router = useRouter();
  const { busy, formError, call } = useApiCall();
  const preparing = current?.status === 'preparing';
  useEffect(() => {
    if (!preparing) return;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(
        () => {
          polls += 1;
          router.refresh();
          poll();
        },
        polls < FAST_POLLS ? POLL_MS : SLOW_POLL_MS,
      );
    };
    poll();
    return () => clearTimeout(timer);
  }, [preparing, router]);

  const start = async () => {
    if (await call(api.requestDataExport, {})) router.refresh();
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        A zip file with your profile, every article (drafts too) as Markdown, your comments, likes,
        friends and images. We notify you and send a link by email when it is ready; the link works
        for 7 days, only when you are signed in.
      </p>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div aria-live="polite" className="space-y-2">
        {preparing ? <p className="font-medium">Preparing your data…</p> : null}
        {current?.status === 'ready' && current.downloadPath && current.expiresAt ? (
          <p>
            Your data is ready.{' '}
            <a href={current.downloadPath} className="font-medium text-accent underline" download>
              Download the zip file
            </a>{' '}
            {current.size !== null ? `(${formatBytes(current.size)})` : null}
            <span className="block text-sm text-muted">
              The link works until {expiryFormat.format(new Date(current.expiresAt))} UTC.
            </span>
          </p>
        ) : null}
      </div>
      {preparing ? null : (
        <Button
          type="button"
          variant={current ? 'secondary' : 'primary'}
          busy={busy}
          onClick={() => void start()}
        >
          {current ? 'Prepare a new copy' : 'Download your data'}
        </Button>
      )}
    </div>
  );
}
