'use client';

import { useState } from 'react';
import { Form } from '@/components/forms/form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';

/** The cover image form; a new article is saved as a draft first, so the cover has a home. */
export function CoverUpload({ ensureSaved }: { ensureSaved: () => Promise<EditorArticle | null> }) {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string }>();

  async function upload(data: FormData, form: HTMLFormElement) {
    const current = await ensureSaved();
    if (!current) return;
    const answer = await callApi(api.uploadCover, { params: { id: current.id }, body: data });
    if (answer.ok) {
      setMessage({ tone: 'success', text: 'Cover image saved.' });
      form.reset();
      return;
    }
    const failure = answer.reached ? answer.failure : null;
    setMessage({
      tone: 'error',
      text: failure?.fieldErrors?.cover ?? failure?.formError ?? 'The cover could not be saved.',
    });
  }

  return (
    <Form
      className="space-y-3 rounded-xl border border-line p-4"
      error={message?.tone === 'error' ? message.text : undefined}
      success={message?.tone === 'success' ? message.text : undefined}
      onSubmit={upload}
    >
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
    </Form>
  );
}
