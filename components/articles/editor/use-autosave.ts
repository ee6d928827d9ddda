'use client';

import { useEffect, useRef } from 'react';
import type { EditorArticle } from '@/lib/articles/editor-article';
import type { DraftFields, SaveIntent } from './send-draft';

const AUTOSAVE_MS = 1_200;

type Save = (
  intent: SaveIntent,
  options?: { keepalive?: boolean },
) => Promise<EditorArticle | null>;

/**
 * Autosaves a draft a moment after typing stops; a published article changes only on "Update".
 * A draft still waiting for its autosave is saved at once when the editor goes away (a link, the
 * Back button) or the page does (closing the tab, reloading), so no keystroke is lost there.
 */
export function useAutosave({
  dirty,
  published,
  fields,
  save,
}: {
  dirty: boolean;
  published: boolean;
  fields: DraftFields;
  save: Save;
}) {
  useEffect(() => {
    if (!dirty || published || (!fields.title && !fields.body)) return;
    const timer = setTimeout(() => void save('save'), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, published, fields, save]);

  const latest = useRef({ dirty, published, fields, save });
  useEffect(() => {
    latest.current = { dirty, published, fields, save };
  });
  useEffect(() => {
    const flush = (keepalive: boolean) => {
      const now = latest.current;
      if (!now.dirty || now.published || (!now.fields.title && !now.fields.body)) return;
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
