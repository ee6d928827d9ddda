'use client';

import { useCallback, useRef, useState } from 'react';
import { callApi, type ApiAnswer } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';
import type { FieldErrors } from '@/lib/validation/result';
import {
  describeSaveFailure,
  fieldsOf,
  savedMessage,
  sendDraft,
  type DraftFields,
  type SaveIntent,
} from './send-draft';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
export type ArticleDraft = ReturnType<typeof useArticleDraft>;

/**
 * The article being edited: its fields, whether they are saved, and the writes (save, publish,
 * unpublish, delete). On failure every keystroke stays; saves never overlap.
 */
export function useArticleDraft(initial: EditorArticle | null) {
  const [fields, setFields] = useState<DraftFields>(() => fieldsOf(initial));
  const [article, setArticle] = useState<EditorArticle | null>(initial);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const saving = useRef<Promise<EditorArticle | null> | null>(null);

  const update = useCallback((changes: Partial<DraftFields>) => {
    setFields((current) => ({ ...current, ...changes }));
    setDirty(true);
  }, []);

  /**
   * Saves (creating the draft on first save); returns the saved article, or null on failure.
   * `keepalive`: sent as the page goes away, so the request outlives it.
   */
  const save = useCallback(
    async (
      intent: SaveIntent,
      options?: { keepalive?: boolean },
    ): Promise<EditorArticle | null> => {
      if (saving.current) await saving.current;
      const run = (async () => {
        setSaveState('saving');
        setFieldErrors({});
        const answer = await sendDraft(
          article,
          fields,
          intent,
          (created) => {
            setArticle(created);
            window.history.replaceState(null, '', `/write/${created.id}`);
          },
          options,
        );
        if (!answer.ok) {
          const failure = describeSaveFailure(answer);
          setSaveState('error');
          setFieldErrors(failure.fieldErrors);
          setMessage(failure.message);
          return null;
        }
        setArticle(answer.value);
        setDirty(false);
        setSaveState('saved');
        setMessage(savedMessage(intent, answer.value));
        return answer.value;
      })();
      saving.current = run;
      try {
        return await run;
      } finally {
        saving.current = null;
      }
    },
    [article, fields],
  );

  /** Back to the article as it is saved ("Discard changes"). */
  const discard = useCallback(() => {
    setFields(fieldsOf(article));
    setDirty(false);
  }, [article]);

  const { unpublish, remove } = useWithdrawal(article, {
    setArticle,
    setDirty,
    report: (state, text) => {
      setSaveState(state);
      setMessage(text);
    },
  });

  return {
    fields,
    update,
    article,
    /** Takes the article as the server answered another write (a schedule). */
    adopt: setArticle,
    dirty,
    saveState,
    message,
    fieldErrors,
    save,
    discard,
    unpublish,
    remove,
  };
}

/** Unpublishing and deleting: what they change in the draft, and what they say. */
function useWithdrawal(
  article: EditorArticle | null,
  draft: {
    setArticle: (article: EditorArticle) => void;
    setDirty: (dirty: boolean) => void;
    report: (state: SaveState, message: string | undefined) => void;
  },
) {
  async function unpublish() {
    if (!article) return;
    const answer = await callApi(api.unpublishArticle, { params: { id: article.id } });
    if (!answer.ok) return draft.report('error', refusal(answer, 'Unpublishing failed.'));
    draft.setArticle(answer.value);
    draft.report('saved', 'Unpublished: the article is a draft again.');
  }

  /** Deletes the article; true once it is gone. */
  async function remove(): Promise<boolean> {
    if (!article) return false;
    const answer = await callApi(api.deleteArticle, { params: { id: article.id } });
    if (!answer.ok) {
      draft.report('error', refusal(answer, 'Deleting failed.'));
      return false;
    }
    draft.setDirty(false);
    return true;
  }

  return { unpublish, remove };
}

/** The server's message for a refusal (it may have none), or `fallback` when there was none. */
function refusal(answer: Exclude<ApiAnswer<unknown>, { ok: true }>, fallback: string) {
  return answer.reached && answer.failure ? answer.failure.formError : fallback;
}
