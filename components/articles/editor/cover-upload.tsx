'use client';

import { useState } from 'react';
import { Form } from '@/components/forms/form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';
import type { ImageRef } from '@/lib/media/image-ref';
import { coverUrl } from '@/lib/media/names';

/**
 * The cover: the current one with "Remove cover", and the form for a new one (a new article is
 * saved as a draft first, so the cover has a home). A cover change leaves the article's version
 * alone, so the editor's next save or "Publish" is not mistaken for a conflicting edit.
 */
export function CoverUpload({
  article,
  ensureSaved,
  onCover,
}: {
  article: EditorArticle | null;
  ensureSaved: () => Promise<EditorArticle | null>;
  onCover: (cover: ImageRef | null) => void;
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string }>();
  const [busy, setBusy] = useState(false);

  async function upload(data: FormData, form: HTMLFormElement) {
    setBusy(true);
    try {
      const current = await ensureSaved();
      if (!current) return;
      const answer = await callApi(api.uploadCover, { params: { id: current.id }, body: data });
      if (answer.ok) {
        onCover(answer.value.cover);
        setMessage({ tone: 'success', text: 'Cover image saved.' });
        form.reset();
        return;
      }
      const failure = answer.reached ? answer.failure : null;
      setMessage({
        tone: 'error',
        text: failure?.fieldErrors?.cover ?? failure?.formError ?? 'The cover could not be saved.',
      });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!article) return;
    setBusy(true);
    const answer = await callApi(api.removeCover, { params: { id: article.id } });
    setBusy(false);
    if (answer.ok) {
      onCover(null);
      setMessage({ tone: 'success', text: 'Cover removed.' });
      return;
    }
    setMessage({
      tone: 'error',
      text: (answer.reached && answer.failure?.formError) || 'The cover could not be removed.',
    });
  }

  const cover = article?.cover ?? null;
  return (
    <Form
      className="space-y-3 rounded-xl border border-line p-4"
      error={message?.tone === 'error' ? message.text : undefined}
      success={message?.tone === 'success' ? message.text : undefined}
      onSubmit={upload}
    >
      {cover && article ? (
        <CurrentCover articleId={article.id} cover={cover} busy={busy} onRemove={remove} />
      ) : null}
      <TextField
        label={cover ? 'Replace cover image' : 'Cover image (optional)'}
        name="cover"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
        hint="A wide image (2:1), JPEG, PNG, WebP, GIF or AVIF, at most 5 MB."
      />
      <Button type="submit" variant="secondary" busy={busy}>
        Upload cover
      </Button>
    </Form>
  );
}

function CurrentCover({
  articleId,
  cover,
  busy,
  onRemove,
}: {
  articleId: string;
  cover: ImageRef;
  busy: boolean;
  onRemove: () => Promise<void>;
}) {
  return (
    <figure className="space-y-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- a sized, immutable WebP */}
      <img
        src={coverUrl(articleId, cover, 640)}
        alt="Current cover"
        width={640}
        height={320}
        className="h-auto w-full max-w-md rounded-lg"
      />
      <Button variant="ghost" busy={busy} onClick={() => void onRemove()}>
        Remove cover
      </Button>
    </figure>
  );
}
