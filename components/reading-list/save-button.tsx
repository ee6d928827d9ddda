'use client';

import { useState } from 'react';
import { rememberSaved, useReader, useReaderSaved } from '@/components/reader/reader-store';
import { useToast } from '@/components/ui/toast';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

/**
 * "Save" toggle for the reader's own reading list. Its name stays "Save" (what it says); whether
 * the article is saved shows as aria-pressed and a filled bookmark. On a page kept for every
 * signed-in reader `initialSaved` and `signedIn` are null and come from the reader's state; a
 * signed-out reader gets no button.
 */
export function SaveButton({
  articleId,
  initialSaved,
  signedIn: signedInOnServer,
}: {
  articleId: string;
  initialSaved: boolean | null;
  signedIn: boolean | null;
}) {
  const known = signedInOnServer !== null;
  const reader = useReader(known);
  const readerSaved = useReaderSaved(articleId, known);
  const [own, setOwn] = useState<boolean | null>(initialSaved);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const saved = own ?? readerSaved ?? false;
  const waiting = !known && reader?.status === 'loading';
  const signedIn = known ? signedInOnServer : reader?.status !== 'signed-out';
  if (!signedIn || (!known && reader?.status === 'unavailable')) return null;

  async function toggle() {
    const next = !saved;
    setOwn(next);
    setBusy(true);
    const answer = await callApi(next ? api.saveForLater : api.unsaveArticle, {
      params: { id: articleId },
    });
    setBusy(false);
    if (answer.ok) {
      rememberSaved(articleId, answer.value.saved);
      return setOwn(answer.value.saved);
    }
    setOwn(saved);
    toast(
      answer.reached
        ? (answer.failure?.formError ?? 'This could not be saved. Please try again.')
        : 'We could not reach Inkwell: nothing was changed. Please try again.',
      'error',
    );
  }

  return (
    <button
      type="button"
      onClick={toggle}
      disabled={busy || waiting}
      aria-pressed={saved}
      className={`inline-flex min-h-10 items-center gap-2 rounded-full border px-4 py-2 text-sm font-semibold disabled:opacity-60 ${
        saved ? 'border-accent bg-accent text-accent-ink' : 'border-line hover:bg-page'
      }`}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4">
        <path
          d="M6 3h12v18l-6-4.5L6 21z"
          fill={saved ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        />
      </svg>
      Save
    </button>
  );
}
