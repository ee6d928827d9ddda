'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextArea, TextField } from '@/components/ui/text-field';
import { useToast } from '@/components/ui/toast';
import type { EditorArticle } from '@/lib/articles/editor-article';

type SaveState = 'idle' | 'saving' | 'saved' | 'error';
type FieldErrors = Partial<Record<string, string>>;

interface Fields {
  title: string;
  body: string;
  tags: string;
  visibility: 'public' | 'friends';
}

const AUTOSAVE_MS = 1_200;
const PREVIEW_MS = 400;

async function send(url: string, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => null)) as
    | ({ ok: true } & Record<string, unknown>)
    | { ok: false; formError?: string; fieldErrors?: FieldErrors }
    | null;
  return { status: response.status, payload };
}

/**
 * The article editor: autosaves drafts (debounced), previews the markdown through the server's
 * sanitising renderer, keeps every keystroke on failure, and warns before leaving unsaved text.
 */
export function Editor({
  initial,
  authorPath,
}: {
  initial: EditorArticle | null;
  authorPath: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [fields, setFields] = useState<Fields>({
    title: initial?.title ?? '',
    body: initial?.body ?? '',
    tags: initial?.tags.join(', ') ?? '',
    visibility: initial?.visibility ?? 'public',
  });
  const [article, setArticle] = useState<EditorArticle | null>(initial);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [preview, setPreview] = useState<string>('');
  /** Why the preview cannot show the body (a rendering limit), in the server's words. */
  const [previewProblem, setPreviewProblem] = useState<string | null>(null);
  const [coverMessage, setCoverMessage] = useState<{ tone: 'error' | 'success'; text: string }>();
  const dialog = useRef<HTMLDialogElement>(null);
  const saving = useRef<Promise<EditorArticle | null> | null>(null);
  const published = article?.status === 'published';

  const update = (changes: Partial<Fields>) => {
    setFields((current) => ({ ...current, ...changes }));
    setDirty(true);
  };

  const payload = useCallback(
    (base?: EditorArticle | null) => ({
      title: fields.title,
      body: fields.body,
      tags: fields.tags,
      visibility: fields.visibility,
      ...(base ? { baseVersion: base.version } : {}),
    }),
    [fields],
  );

  /** Saves (creating the draft on first save); returns the saved article, or null on failure. */
  const save = useCallback(
    async (intent: 'save' | 'publish'): Promise<EditorArticle | null> => {
      if (saving.current) await saving.current;
      const run = (async () => {
        setSaveState('saving');
        setFieldErrors({});
        try {
          let current = article;
          if (!current) {
            const created = await send('/api/articles', 'POST', payload());
            if (!created.payload?.ok) return fail(created.payload);
            current = created.payload as unknown as EditorArticle;
            setArticle(current);
            window.history.replaceState(null, '', `/write/${current.id}`);
          }
          const url =
            intent === 'publish'
              ? `/api/articles/${current.id}/publish`
              : `/api/articles/${current.id}`;
          const saved = await send(url, intent === 'publish' ? 'POST' : 'PATCH', payload(current));
          if (!saved.payload?.ok) return fail(saved.payload);
          const next = saved.payload as unknown as EditorArticle;
          setArticle(next);
          setDirty(false);
          setSaveState('saved');
          setMessage(
            intent === 'publish'
              ? 'Published.'
              : next.status === 'published'
                ? 'Your changes are live.'
                : `Draft saved at ${new Date().toLocaleTimeString()}.`,
          );
          return next;
        } catch {
          return fail({ ok: false, formError: 'We could not reach Inkwell.' });
        }
      })();
      saving.current = run;
      try {
        return await run;
      } finally {
        saving.current = null;
      }

      function fail(
        result: { ok: false; formError?: string; fieldErrors?: FieldErrors } | { ok: true } | null,
      ) {
        const failure = result && !result.ok ? result : { ok: false as const };
        setSaveState('error');
        setFieldErrors(failure.fieldErrors ?? {});
        setMessage(
          `${failure.formError ?? (failure.fieldErrors ? 'Please correct the highlighted fields.' : 'Saving failed.')} Your text is still here.`,
        );
        return null;
      }
    },
    [article, payload],
  );

  // Autosave drafts a moment after typing stops; a published article changes only on "Update".
  useEffect(() => {
    if (!dirty || published || (!fields.title && !fields.body)) return;
    const timer = setTimeout(() => void save('save'), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, published, fields, save]);

  // Live preview through the server's renderer (the same sanitiser as the published page).
  useEffect(() => {
    const timer = setTimeout(async () => {
      if (!fields.body.trim()) {
        setPreviewProblem(null);
        return setPreview('');
      }
      const rendered = await send('/api/articles/preview', 'POST', { body: fields.body }).catch(
        () => null,
      );
      const payload = rendered?.payload;
      if (payload?.ok) {
        setPreview(String(payload.html));
        setPreviewProblem(null);
      } else if (payload?.fieldErrors?.body) {
        setPreview('');
        setPreviewProblem(payload.fieldErrors.body);
      }
    }, PREVIEW_MS);
    return () => clearTimeout(timer);
  }, [fields.body]);

  // Leaving with unsaved text asks first.
  useEffect(() => {
    if (!dirty && saveState !== 'saving') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, saveState]);

  async function publish() {
    const saved = await save('publish');
    if (!saved) return;
    toast(published ? 'Your changes are live.' : 'Your article is published.');
    router.push(`${authorPath}/${saved.slug}`);
  }

  async function unpublish() {
    if (!article) return;
    const result = await send(`/api/articles/${article.id}/unpublish`, 'POST');
    if (result.payload?.ok) {
      setArticle(result.payload as unknown as EditorArticle);
      setMessage('Unpublished: the article is a draft again.');
      setSaveState('saved');
    } else {
      setSaveState('error');
      setMessage(
        result.payload && !result.payload.ok ? result.payload.formError : 'Unpublishing failed.',
      );
    }
  }

  async function remove() {
    if (!article) return;
    const result = await send(`/api/articles/${article.id}`, 'DELETE');
    dialog.current?.close();
    if (result.payload?.ok) {
      setDirty(false);
      router.push(authorPath);
    } else {
      setSaveState('error');
      setMessage(
        result.payload && !result.payload.ok ? result.payload.formError : 'Deleting failed.',
      );
    }
  }

  async function uploadCover(form: HTMLFormElement) {
    const current = article ?? (await save('save'));
    if (!current) return;
    const response = await fetch(`/api/articles/${current.id}/cover`, {
      method: 'POST',
      body: new FormData(form),
    });
    const result = (await response.json().catch(() => null)) as {
      ok: boolean;
      fieldErrors?: FieldErrors;
      formError?: string;
    } | null;
    if (result?.ok) {
      setCoverMessage({ tone: 'success', text: 'Cover image saved.' });
      form.reset();
    } else {
      setCoverMessage({
        tone: 'error',
        text: result?.fieldErrors?.cover ?? result?.formError ?? 'The cover could not be saved.',
      });
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">
          {article ? 'Edit article' : 'New article'}
        </h1>
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {saveState === 'saving'
            ? 'Saving…'
            : saveState === 'saved'
              ? message
              : dirty
                ? 'Unsaved changes'
                : ''}
        </p>
      </div>
      {saveState === 'error' && message ? <FormMessage tone="error">{message}</FormMessage> : null}
      <form
        noValidate
        className="grid gap-6 lg:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void save('save');
        }}
      >
        <div className="space-y-4">
          <TextField
            label="Title"
            name="title"
            value={fields.title}
            maxLength={150}
            onChange={(event) => update({ title: event.target.value })}
            error={fieldErrors.title}
          />
          <TextArea
            label="Body"
            name="body"
            value={fields.body}
            hint="Markdown: **bold**, _italic_, # headings, [links](https://…), ```code```."
            onChange={(event) => update({ body: event.target.value })}
            error={fieldErrors.body}
            className="[&_textarea]:min-h-96 [&_textarea]:font-mono"
          />
          <TextField
            label="Tags"
            name="tags"
            value={fields.tags}
            hint="Up to 5, separated by commas."
            onChange={(event) => update({ tags: event.target.value })}
            error={fieldErrors.tags}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Visibility</legend>
            {(
              [
                ['public', 'Public'],
                ['friends', 'Friends only'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="visibility"
                  value={value}
                  checked={fields.visibility === value}
                  onChange={() => update({ visibility: value })}
                />
                {label}
              </label>
            ))}
            {fieldErrors.visibility ? (
              <p className="text-sm font-medium text-danger">{fieldErrors.visibility}</p>
            ) : null}
          </fieldset>
          <div className="flex flex-wrap gap-3">
            {published ? (
              <>
                <Button type="submit" busy={saveState === 'saving'}>
                  Update
                </Button>
                <Button variant="secondary" onClick={unpublish}>
                  Unpublish
                </Button>
                <a href={`${authorPath}/${article?.slug}`} className={buttonClasses('ghost')}>
                  View article
                </a>
              </>
            ) : (
              <>
                <Button type="submit" variant="secondary" busy={saveState === 'saving'}>
                  Save draft
                </Button>
                <Button onClick={publish}>Publish</Button>
              </>
            )}
            {article ? (
              <Button variant="danger" onClick={() => dialog.current?.showModal()}>
                Delete
              </Button>
            ) : null}
          </div>
        </div>
        <section aria-labelledby="preview-heading" className="space-y-2">
          <h2 id="preview-heading" className="text-sm font-medium">
            Preview
          </h2>
          <div className="min-h-48 rounded-xl border border-line bg-surface p-5">
            {previewProblem ? (
              <p role="alert" className="text-danger">
                {previewProblem}
              </p>
            ) : preview ? (
              <div
                className="prose prose-inkwell max-w-none break-words"
                dangerouslySetInnerHTML={{ __html: preview }}
              />
            ) : (
              <p className="text-muted">Your article will appear here as you write.</p>
            )}
          </div>
        </section>
      </form>
      <form
        noValidate
        className="space-y-3 rounded-xl border border-line p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void uploadCover(event.currentTarget);
        }}
      >
        {coverMessage ? (
          <FormMessage tone={coverMessage.tone}>{coverMessage.text}</FormMessage>
        ) : null}
        <TextField
          label="Cover image (optional)"
          name="cover"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          hint="A wide image (2:1), JPEG, PNG, WebP, GIF or AVIF, at most 5 MB."
        />
        <Button type="submit" variant="secondary">
          Upload cover
        </Button>
      </form>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto max-w-md rounded-xl border border-line bg-surface p-6 text-ink backdrop:bg-black/50"
      >
        <h2 id="delete-title" className="text-xl font-semibold">
          Delete this article?
        </h2>
        <p className="mt-2 text-muted">
          It will be removed with its comments and likes. This cannot be undone.
        </p>
        <div className="mt-4 flex gap-3">
          <Button variant="danger" onClick={remove}>
            Delete article
          </Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
        </div>
      </dialog>
    </div>
  );
}
