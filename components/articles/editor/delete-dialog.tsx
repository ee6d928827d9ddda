'use client';

import type { Ref } from 'react';
import { Button } from '@/components/ui/button';

/** Asks before deleting; Cancel has the focus, so Enter never deletes by accident. */
export function DeleteDialog({
  ref,
  onDelete,
}: {
  ref: Ref<HTMLDialogElement>;
  onDelete: () => void;
}) {
  return (
    <dialog
      ref={ref}
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
        <Button variant="danger" onClick={onDelete}>
          Delete article
        </Button>
        <Button
          variant="secondary"
          onClick={(event) => event.currentTarget.closest('dialog')?.close()}
          autoFocus
        >
          Cancel
        </Button>
      </div>
    </dialog>
  );
}
