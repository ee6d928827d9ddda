'use client';

import { useRouter } from 'next/navigation';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { RelativeTime } from '@/components/ui/relative-time';
import { api } from '@/lib/api/contract';

export interface SessionRow {
  handle: string;
  device: string;
  ip: string;
  lastSeenAt: number;
  createdAt: number;
  current: boolean;
}

const timeFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const router = useRouter();
  const { busy, formError, success, call } = useApiCall();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      {success ? <FormMessage tone="success">{success}</FormMessage> : null}
      <ul
        className="divide-y divide-line rounded-xl border border-line"
        aria-label="Active sessions"
      >
        {sessions.map((session) => (
          <li
            key={session.handle}
            className="flex flex-wrap items-center justify-between gap-3 p-4"
          >
            <div>
              <p className="font-medium">
                {session.device}
                {session.current ? (
                  <span className="ml-2 rounded-full bg-accent px-2 py-0.5 text-xs text-accent-ink">
                    This device
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-muted">
                Last seen <RelativeTime iso={new Date(session.lastSeenAt).toISOString()} />
                {session.ip ? ` · ${session.ip}` : ''}
              </p>
            </div>
            {session.current ? null : (
              <Button
                variant="secondary"
                busy={busy}
                aria-label={`End session: ${session.device}, last seen ${timeFormat.format(session.lastSeenAt)} UTC`}
                onClick={async () => {
                  if (
                    await call(
                      api.endSession,
                      { params: { handle: session.handle } },
                      'That session was signed out.',
                    )
                  )
                    router.refresh();
                }}
              >
                End session
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button
          variant="danger"
          busy={busy}
          onClick={async () => {
            if (await call(api.endOtherSessions, {}, 'Every other session was signed out.'))
              router.refresh();
          }}
        >
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-sm text-muted">This is your only active session.</p>
      )}
    </div>
  );
}
