'use client';

import { useEffect, useRef, useState } from 'react';
import { useReaderMuted } from '@/components/reader/reader-store';

/**
 * Hides, for the reader alone, the comments of people they muted: every element of the enclosing
 * comment section whose `data-author-id` is muted (the comment's own content: replies by others
 * stay, so a thread still reads). On the copy kept for every signed-in reader the muted ids come
 * from the reader's state in the browser; a page rendered for one person passes them (`muted`).
 * Comments arriving later (a refresh after posting) are hidden as they appear.
 */
export function MutedComments({
  articleId,
  muted: known,
}: {
  articleId: string;
  muted?: readonly string[];
}) {
  const fromReader = useReaderMuted(articleId, known !== undefined);
  const muted = known ?? fromReader;
  const ref = useRef<HTMLDivElement>(null);
  const [hiddenCount, setHiddenCount] = useState(0);
  const [showing, setShowing] = useState(false);
  useEffect(() => {
    const section = ref.current?.closest('section');
    if (!section || muted.length === 0) {
      setHiddenCount(0);
      return;
    }
    const mutedIds = new Set(muted);
    const isMuted = (element: HTMLElement) => mutedIds.has(element.dataset.authorId ?? '');
    // Only attributes change here: the observer below (child lists) does not fire again.
    const hide = (element: HTMLElement, value: boolean) => {
      if (element.hidden !== value) element.hidden = value;
    };
    const apply = () => {
      const comments = [...section.querySelectorAll<HTMLElement>('[data-author-id]')];
      for (const element of comments) hide(element, isMuted(element) && !showing);
      // A thread item left with no comment shown (a muted comment without replies) goes too,
      // instead of an empty card; one with replies by others stays, so the thread still reads.
      for (const item of section.querySelectorAll<HTMLElement>('li')) {
        const inside = [...item.querySelectorAll<HTMLElement>('[data-author-id]')];
        if (inside.length > 0) hide(item, !showing && inside.every(isMuted));
      }
      setHiddenCount(comments.filter(isMuted).length);
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(section, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [muted, showing]);
  const one = hiddenCount === 1;
  return (
    <div ref={ref} aria-live="polite">
      {hiddenCount > 0 ? (
        <p className="rounded-lg border border-line bg-surface p-3 text-sm text-muted">
          {showing
            ? `Showing ${one ? '1 comment' : `${hiddenCount} comments`} from people you muted.`
            : `${one ? '1 comment' : `${hiddenCount} comments`} hidden from ${one ? 'a muted person' : 'people you muted'}.`}{' '}
          Only you see this; muting is private and nobody is told.{' '}
          <button
            type="button"
            className="text-accent underline"
            onClick={() => setShowing((value) => !value)}
          >
            {showing ? 'Hide them again' : one ? 'Show hidden comment' : 'Show hidden comments'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
