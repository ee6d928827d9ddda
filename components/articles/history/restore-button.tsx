'use client';

import { useRouter } from 'next/navigation';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api/contract';

/**
 * "Restore this version": saved as a new update (the text it replaces is kept in turn), based on
 * the version this page showed, so a change made meanwhile elsewhere is not overwritten.
 */
export function RestoreButton({
  articleId,
  version,
  baseVersion,
  authorPath,
}: {
  articleId: string;
  version: number;
  baseVersion: number;
  authorPath: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const { busy, formError, call } = useApiCall();

  async function restore() {
    const restored = await call(api.restoreRevision, {
      params: { id: articleId },
      body: { version, baseVersion },
    });
    if (!restored) return;
    toast('This version is restored.');
    router.push(
      restored.status === 'published' ? `${authorPath}/${restored.slug}` : `/write/${articleId}`,
    );
  }

  return (
    <div className="space-y-3">
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <Button busy={busy} onClick={() => void restore()}>
        Restore this version
      </Button>
    </div>
  );
}
