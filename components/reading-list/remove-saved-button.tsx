'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { rememberSaved } from '@/components/reader/reader-store';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

/** "Remove": takes one article out of the reader's saved list, then shows the list again. */
export function RemoveSavedButton({ articleId, title }: { articleId: string; title: string }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    const answer = await callApi(api.unsaveArticle, { params: { id: articleId } });
    setBusy(false);
    if (!answer.ok) {
      return toast(
        answer.reached
          ? (answer.failure?.formError ?? 'It could not be removed. Please try again.')
          : 'We could not reach Inkwell: nothing was removed. Please try again.',
        'error',
      );
    }
    rememberSaved(articleId, false);
    toast(`Removed “${title}” from saved.`);
    router.refresh();
  }

  return (
    <Button
      variant="secondary"
      busy={busy}
      onClick={remove}
      aria-label={`Remove ${title} from saved`}
      className="shrink-0"
    >
      Remove
    </Button>
  );
}
