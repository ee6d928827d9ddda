'use client';

import { useEffect } from 'react';
import type { EditorArticle } from '@/lib/articles/editor-article';
import type { DraftFields, SaveIntent } from './send-draft';

const AUTOSAVE_MS = 1_200;

/** Autosaves a draft a moment after typing stops; a published article changes only on "Update". */
export function useAutosave({
  dirty,
  published,
  fields,
  save,
}: {
  dirty: boolean;
  published: boolean;
  fields: DraftFields;
  save: (intent: SaveIntent) => Promise<EditorArticle | null>;
}) {
  useEffect(() => {
    if (!dirty || published || (!fields.title && !fields.body)) return;
    const timer = setTimeout(() => void save('save'), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, published, fields, save]);
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
