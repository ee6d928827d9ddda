'use client';

import { useId, useState, useSyncExternalStore } from 'react';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';

/** `2026-12-24T18:00` in the browser's own time zone, as a datetime-local input shows it. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const noChange = () => () => undefined;

/** The browser's time zone and a formatter for it; null while rendered on the server. */
function useLocalTime() {
  return useSyncExternalStore(
    noChange,
    () => LOCAL,
    () => null,
  );
}
const LOCAL =
  typeof Intl === 'undefined'
    ? null
    : {
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        format: new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }),
      };

/**
 * Scheduled publishing of a draft: "Schedule" opens a date and time in the author's own time
 * zone; a scheduled draft says when, and can be rescheduled or cancelled. The draft is saved
 * first, so what is scheduled is what the author sees.
 */
export function SchedulePanel({
  article,
  ensureSaved,
  adopt,
}: {
  article: EditorArticle;
  ensureSaved: () => Promise<EditorArticle | null>;
  adopt: (article: EditorArticle) => void;
}) {
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState(() =>
    localInputValue(
      article.scheduledFor ? new Date(article.scheduledFor) : new Date(Date.now() + 3_600_000),
    ),
  );
  const { busy, fieldErrors, formError, call } = useApiCall();
  const panelId = useId();
  const scheduled = article.scheduledFor ? new Date(article.scheduledFor) : null;

  async function confirm() {
    const saved = await ensureSaved();
    if (!saved) return;
    const at = new Date(when);
    const answer = await call(
      api.scheduleArticle,
      {
        params: { id: saved.id },
        body: {
          publishAt: Number.isNaN(at.getTime()) ? when : at.toISOString(),
          baseVersion: saved.version,
        },
      },
      'Scheduled.',
    );
    if (answer) {
      adopt(answer);
      setOpen(false);
    }
  }

  async function cancel() {
    const answer = await call(api.cancelSchedule, { params: { id: article.id } });
    if (answer) adopt(answer);
  }

  return (
    <div className="space-y-3">
      {scheduled ? <ScheduledFor at={scheduled} /> : null}
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {scheduled ? 'Reschedule' : 'Schedule'}
        </Button>
        {scheduled ? (
          <Button variant="ghost" busy={busy} onClick={() => void cancel()}>
            Cancel schedule
          </Button>
        ) : null}
      </div>
      {open ? (
        <ScheduleFields
          id={panelId}
          when={when}
          onChange={setWhen}
          error={fieldErrors.publishAt}
          busy={busy}
          onConfirm={() => void confirm()}
        />
      ) : null}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
    </div>
  );
}

function ScheduledFor({ at }: { at: Date }) {
  const local = useLocalTime();
  return (
    <p className="text-sm">
      Scheduled for{' '}
      <time dateTime={at.toISOString()}>
        {local ? `${local.format.format(at)} (${local.zone})` : at.toISOString()}
      </time>
      .
    </p>
  );
}

/** The date and time to publish at, in the author's time zone, and the confirmation. */
function ScheduleFields({
  id,
  when,
  onChange,
  error,
  busy,
  onConfirm,
}: {
  id: string;
  when: string;
  onChange: (value: string) => void;
  error?: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const local = useLocalTime();
  return (
    <fieldset id={id} className="space-y-3 rounded-lg border border-line p-4">
      <legend className="px-1 text-sm font-medium">Publish it later</legend>
      <TextField
        label="Publish on"
        name="publishAt"
        type="datetime-local"
        value={when}
        onChange={(event) => onChange(event.target.value)}
        hint={local ? `In your time zone, ${local.zone}.` : undefined}
        error={error}
        required
      />
      <Button busy={busy} onClick={onConfirm}>
        Confirm schedule
      </Button>
    </fieldset>
  );
}
