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
    const apply = () => {
      let count = 0;
      for (const element of section.querySelectorAll<HTMLElement>('[data-author-id]')) {
        const isMuted = mutedIds.has(element.dataset.authorId ?? '');
        if (isMuted) count += 1;
        // Only attributes change here: the observer below (child lists) does not fire again.
        if (element.hidden !== (isMuted && !showing)) element.hidden = isMuted && !showing;
      }
      setHiddenCount(count);
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
