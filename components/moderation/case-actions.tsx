'use client';

import { useId, useState } from 'react';
import { textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextArea } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

type Action = 'hide' | 'suspend' | 'dismiss' | 'restore' | 'keep-hidden';

const DONE: Record<Action, string> = {
  hide: 'Hidden everywhere.',
  suspend: 'Suspended: signed out everywhere, and refused until the suspension ends.',
  dismiss: 'Dismissed.',
  restore: 'Restored: its author may show it again.',
  'keep-hidden': 'Kept hidden.',
};

/**
 * A queue entry's decision: a reason (required, kept in the audit log), then "Hide", "Suspend"
 * (for the chosen time) or "Dismiss"; an appeal's is "Restore" or "Keep hidden". The button
 * pressed is the form's submitter, so its value travels with the form's data.
 */
export function CaseActions({ caseId, appealed }: { caseId: string; appealed: boolean }) {
  const { busy, fieldErrors, formError, call } = useApiCall();
  const [done, setDone] = useState<string>();

  async function decide(data: FormData) {
    const action = textOf(data, 'action') as Action;
    const answer = await call(api.actOnCase, {
      params: { id: caseId },
      body: {
        action,
        reason: textOf(data, 'reason'),
        ...(action === 'suspend' ? { days: Number(textOf(data, 'days')) } : {}),
      },
    });
    if (!answer) return;
    // The entry stays, saying what was done, until the queue is loaded again: a refresh now would
    // take it away with its message.
    setDone(DONE[answer.action]);
  }

  if (done)
    return (
      <p role="status" className="font-medium text-success">
        {done}
      </p>
    );
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        void decide(new FormData(event.currentTarget, submitter));
      }}
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <TextArea label="Reason" name="reason" limit={500} error={fieldErrors.reason} />
      {appealed ? <AppealButtons busy={busy} /> : <ReportButtons busy={busy} />}
    </form>
  );
}

function AppealButtons({ busy }: { busy: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" name="action" value="restore" busy={busy}>
        Restore
      </Button>
      <Button type="submit" name="action" value="keep-hidden" variant="secondary" busy={busy}>
        Keep hidden
      </Button>
    </div>
  );
}

function ReportButtons({ busy }: { busy: boolean }) {
  const daysId = useId();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Button type="submit" name="action" value="hide" busy={busy}>
        Hide
      </Button>
      <div>
        <label htmlFor={daysId} className="block text-sm font-medium">
          Suspend for
        </label>
        <select
          id={daysId}
          name="days"
          defaultValue="7"
          className="rounded-lg border border-line bg-surface px-3 py-2"
        >
          <option value="1">1 day</option>
          <option value="3">3 days</option>
          <option value="7">1 week</option>
          <option value="30">30 days</option>
          <option value="365">1 year</option>
        </select>
      </div>
      <Button type="submit" name="action" value="suspend" variant="danger" busy={busy}>
        Suspend
      </Button>
      <Button type="submit" name="action" value="dismiss" variant="secondary" busy={busy}>
        Dismiss
      </Button>
    </div>
  );
}
