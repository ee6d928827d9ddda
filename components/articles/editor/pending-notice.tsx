'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { EditorArticle } from '@/lib/articles/editor-article';
import { dropPendingEdits, pendingEditsOf } from './pending-edits';
import type { ArticleDraft } from './use-article-draft';

/**
 * Brings back a published article's edits kept when the editor was left before "Update" (the
 * Back button, a reload), once, after the page has loaded (the tab's storage is not on the
 * server), and says so while the editor shows them: the notice, or null.
 */
export function usePendingNotice(
  initial: EditorArticle | null,
  draft: Pick<ArticleDraft, 'article' | 'dirty' | 'update' | 'discard'>,
) {
  const [restored, setRestored] = useState(false);
  const { update } = draft;
  useEffect(() => {
    if (initial?.status !== 'published') return;
    // After this render (the effect only reads the tab's storage); once, for the article the
    // editor opened with.
    const timer = setTimeout(() => {
      const pending = pendingEditsOf(initial);
      if (!pending) return;
      update(pending);
      setRestored(true);
    }, 0);
    return () => clearTimeout(timer);
  }, [initial, update]);
  const { article, dirty, discard } = draft;
  if (!restored || !dirty || article?.status !== 'published') return null;
  return <PendingNotice articleId={article.id} onDiscard={discard} />;
}

/** Says the editor shows changes readers do not see yet; "Discard changes" goes back to the live text. */
function PendingNotice({ articleId, onDiscard }: { articleId: string; onDiscard: () => void }) {
  return (
    <div
      role="region"
      aria-label="Changes not yet published"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-surface p-4"
    >
      <p>You have changes not yet published. Readers see them after “Update”.</p>
      <Button
        variant="secondary"
        onClick={() => {
          dropPendingEdits(articleId);
          onDiscard();
        }}
      >
        Discard changes
      </Button>
    </div>
  );
}
