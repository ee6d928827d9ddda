'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { rememberLike, useReader, useReaderLike } from '@/components/reader/reader-store';
import { useToast } from '@/components/ui/toast';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

/**
 * Like toggle with an optimistic update, rolled back (and said so) if the server refuses. On a page
 * kept for every signed-in reader the server does not know the reader: `initial.liked` and
 * `signedIn` are null, and come from the reader's state (the button waits for it).
 */
export function LikeButton({
  articleId,
  initial,
  signedIn: signedInOnServer,
}: {
  articleId: string;
  initial: { liked: boolean | null; count: number };
  signedIn: boolean | null;
}) {
  const router = useRouter();
  const known = signedInOnServer !== null;
  const reader = useReader(known);
  const readerLike = useReaderLike(articleId, known);
  const [own, setState] = useState<{ liked: boolean; count: number } | null>(
    initial.liked === null ? null : { liked: initial.liked, count: initial.count },
  );
  const state = own ?? { liked: readerLike ?? false, count: initial.count };
  const signedIn = known ? signedInOnServer : reader?.status === 'signed-in';
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const waiting = !known && reader?.status === 'loading';

  async function toggle() {
    if (!signedIn) {
      router.push(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    const before = state;
    const liked = !state.liked;
    setState({ liked, count: state.count + (liked ? 1 : -1) });
    setBusy(true);
    const answer = await callApi(api.likeArticle, { params: { id: articleId }, body: { liked } });
    setBusy(false);
    if (answer.ok) {
      rememberLike(articleId, answer.value.liked);
      return setState({ liked: answer.value.liked, count: answer.value.count });
    }
    setState(before);
    toast(
      answer.reached
        ? (answer.failure?.formError ?? 'Your like could not be saved. Please try again.')
        : 'We could not reach Inkwell: your like was not saved. Please try again.',
      'error',
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={toggle}
        disabled={busy || waiting}
        aria-pressed={state.liked}
        className={`inline-flex min-h-10 items-center gap-2 rounded-full border px-4 py-2 text-sm font-semibold ${
          state.liked ? 'border-accent bg-accent text-accent-ink' : 'border-line hover:bg-page'
        }`}
      >
        <span aria-hidden="true">{state.liked ? '♥' : '♡'}</span>
        Like
      </button>
      <span aria-live="polite" className="text-sm text-muted">
        {state.count === 1 ? '1 like' : `${state.count} likes`}
      </span>
    </div>
  );
}
