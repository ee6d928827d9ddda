'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { ArticleDraft } from './use-article-draft';

/**
 * Leaving the editor through the page (the logo, the account menu's links and its Sign out,
 * "History"…) never drops unsaved text silently: a draft is saved first, then the way out is
 * taken; changes to a published article (live only on "Update"), or a draft that could not be
 * saved, ask first. The browser's own ways out (closing, reloading, typing an address) ask through
 * `beforeunload`; the Back button saves a draft, or keeps a published article's changes in the tab
 * until "Update" (use-autosave.ts, pending-edits.ts).
 */
export function LeaveGuard({
  scope,
  draft,
  forget,
}: {
  /** The editor itself: its own forms and links are no way out. */
  scope: RefObject<HTMLElement | null>;
  draft: Pick<ArticleDraft, 'dirty' | 'saveState' | 'article' | 'save'>;
  /** Leaving on purpose without the changes: they are not kept for the next visit. */
  forget: () => void;
}) {
  const unsaved = draft.dirty || draft.saveState === 'saving';
  const published = draft.article?.status === 'published';
  /** Saves the draft; true once it is saved. */
  const keepDraft = async () => Boolean(await draft.save('save'));
  const router = useRouter();
  // How to go on once the author agrees to leave (a function, so kept in an object).
  const [leaving, setLeaving] = useState<{ go: () => void } | null>(null);
  const latest = useRef({ unsaved, published, keepDraft });
  useEffect(() => {
    latest.current = { unsaved, published, keepDraft };
  });

  useEffect(() => {
    let letThrough: HTMLFormElement | null = null;
    /** Saves a draft then goes; asks when the text is a published article's or was not saved. */
    const guard = (go: () => void) => {
      if (latest.current.published) return setLeaving({ go });
      void latest.current.keepDraft().then((kept) => (kept ? go() : setLeaving({ go })));
    };
    // Capture phase on the document: before Next's <Link> or a form's action (React handlers
    // below it) act.
    const onClick = (event: MouseEvent) => {
      if (!latest.current.unsaved || !isPlainClick(event)) return;
      const href = sameSiteDestination(event.target);
      if (!href) return;
      event.preventDefault();
      event.stopPropagation();
      guard(() => router.push(href));
    };
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form === letThrough) return;
      if (!latest.current.unsaved || scope.current?.contains(form)) return;
      event.preventDefault();
      event.stopPropagation();
      const submitter = event.submitter;
      guard(() => {
        letThrough = form;
        form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : null);
        letThrough = null;
      });
    };
    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', onSubmit, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('submit', onSubmit, true);
    };
  }, [router, scope]);

  return (
    <ConfirmDialog
      open={leaving !== null}
      title={published ? 'Leave without updating?' : 'Leave without saving?'}
      confirmLabel={published ? 'Leave without updating' : 'Leave without saving'}
      cancelLabel="Stay"
      onCancel={() => setLeaving(null)}
      onConfirm={() => {
        setLeaving(null);
        forget();
        leaving?.go();
      }}
    >
      {published
        ? 'Your changes are not live yet: readers see them only after “Update”.'
        : 'Your latest changes could not be saved.'}
    </ConfirmDialog>
  );
}

/** A left click with no modifier (a new tab or window leaves this page as it is). */
function isPlainClick(event: MouseEvent): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

/**
 * Where a click on a link of this site would go (path, query and fragment), or null: not a link,
 * another window, a download, another site (a full page load: `beforeunload` asks), this page.
 */
function sameSiteDestination(target: EventTarget | null): string | null {
  const link = target instanceof Element ? target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download')) return null;
  if (link.target && link.target !== '_self') return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  if (url.pathname === window.location.pathname && url.search === window.location.search)
    return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
