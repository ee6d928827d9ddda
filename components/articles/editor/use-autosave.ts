'use client';

import { useEffect, useRef } from 'react';
import type { EditorArticle } from '@/lib/articles/editor-article';
import { dropPendingEdits, keepPendingEdits } from './pending-edits';
import type { DraftFields, SaveIntent } from './send-draft';

const AUTOSAVE_MS = 1_200;
/** A published article's edits are kept in the tab this soon after typing stops. */
const KEEP_MS = 300;

type Save = (
  intent: SaveIntent,
  options?: { keepalive?: boolean },
) => Promise<EditorArticle | null>;

/**
 * Autosaves a draft a moment after typing stops; a published article changes only on "Update", so
 * its edits are kept in the tab until then (pending-edits.ts). Whatever is still waiting is kept
 * at once when the editor goes away (a link, the Back button) or the page does (closing the tab,
 * reloading), so no keystroke is lost there. `forget` is for leaving on purpose without them.
 */
export function useAutosave({
  dirty,
  article,
  fields,
  save,
}: {
  dirty: boolean;
  article: EditorArticle | null;
  fields: DraftFields;
  save: Save;
}) {
  const published = article?.status === 'published';
  useEffect(() => {
    if (!dirty || published || (!fields.title && !fields.body)) return;
    const timer = setTimeout(() => void save('save'), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, published, fields, save]);

  const forgotten = useRef(false);
  useEffect(() => {
    if (!dirty || !published || !article) return;
    const timer = setTimeout(() => keepPendingEdits(article, fields), KEEP_MS);
    return () => clearTimeout(timer);
  }, [dirty, published, article, fields]);

  const latest = useRef({ dirty, article, fields, save });
  useEffect(() => {
    latest.current = { dirty, article, fields, save };
  });
  useEffect(() => {
    const flush = (keepalive: boolean) => {
      const now = latest.current;
      if (now.article?.status === 'published') {
        if (now.dirty && !forgotten.current) keepPendingEdits(now.article, now.fields);
        else dropPendingEdits(now.article.id);
        return;
      }
      if (!now.dirty || (!now.fields.title && !now.fields.body)) return;
      void now.save('save', { keepalive });
    };
    const onPageHide = () => flush(true);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      // Unmounted by a client-side navigation: the page lives on, an ordinary request finishes.
      flush(false);
    };
  }, []);

  return {
    /** Leaving on purpose without the published article's edits: they are not kept. */
    forget: () => {
      forgotten.current = true;
      if (latest.current.article) dropPendingEdits(latest.current.article.id);
    },
  };
}

/** Leaving with unsaved text asks first. */
export function useLeaveWarning(unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
