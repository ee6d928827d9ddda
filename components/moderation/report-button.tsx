'use client';

import { useId, useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { useReader } from '@/components/reader/reader-store';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

type Kind = 'article' | 'comment' | 'profile';

const REASONS = [
  ['spam', 'Spam'],
  ['harassment', 'Harassment'],
  ['illegal', 'Illegal content'],
  ['other', 'Other'],
] as const;

const WHAT: Record<Kind, string> = {
  article: 'this article',
  comment: 'this comment',
  profile: 'this profile',
};

/**
 * "Report": opens a short form below it (a reason and a note, needed for "Other") that goes to the
 * moderators. Signed-in readers only: on a page kept for every signed-in reader `signedIn` is
 * null and the reader's state decides; a guest gets no button.
 */
export function ReportButton({
  kind,
  id,
  signedIn: signedInOnServer,
}: {
  kind: Kind;
  id: string;
  signedIn: boolean | null;
}) {
  const known = signedInOnServer !== null;
  const reader = useReader(known);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string>();
  const { busy, fieldErrors, formError, call } = useApiCall();
  const formId = useId();
  const signedIn = known ? signedInOnServer : reader?.status === 'signed-in';
  if (!signedIn) return null;

  async function send(data: FormData) {
    const answer = await call(api.report, {
      body: {
        kind,
        id,
        reason: textOf(data, 'reason') as (typeof REASONS)[number][0],
        note: textOf(data, 'note'),
      },
    });
    if (!answer) return;
    setOpen(false);
    setSent(
      answer.alreadyReported
        ? 'You reported this already. The moderators will look at it; you will be told when it is handled.'
        : 'Thank you. The moderators will look at it; you will be told when it is handled.',
    );
  }

  return (
    <div className="space-y-2">
      <Button
        variant="ghost"
        className="px-2 text-muted"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => setOpen(!open)}
      >
        Report
      </Button>
      <p role="status" className="text-sm text-muted">
        {sent ?? ''}
      </p>
      {open ? (
        <div id={formId} className="rounded-xl border border-line bg-surface p-4">
          <Form onSubmit={send} error={formError}>
            <ReasonChoice kind={kind} error={fieldErrors.reason} />
            <TextArea
              label="Note for the moderators (optional)"
              name="note"
              limit={1_000}
              hint="Needed if you choose “Other”."
              error={fieldErrors.note}
            />
            <div className="flex gap-2">
              <Button type="submit" busy={busy}>
                Send report
              </Button>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </div>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

function ReasonChoice({ kind, error }: { kind: Kind; error?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">Why are you reporting {WHAT[kind]}?</legend>
      {REASONS.map(([value, label], index) => (
        <label key={value} className="flex items-center gap-2">
          <input type="radio" name="reason" value={value} defaultChecked={index === 0} />
          {label}
        </label>
      ))}
      {error ? <p className="text-sm font-medium text-danger">{error}</p> : null}
    </fieldset>
  );
}
