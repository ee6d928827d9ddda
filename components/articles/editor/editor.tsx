'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Form } from '@/components/forms/form';
import { Button, buttonClasses } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useToast } from '@/components/ui/toast';
import type { EditorArticle } from '@/lib/articles/editor-article';
import { ArticleFields } from './article-fields';
import { BodyImages, useBodyImages } from './body-images';
import { CoverUpload } from './cover-upload';
import { DeleteDialog } from './delete-dialog';
import { LeaveGuard } from './leave-guard';
import { usePendingNotice } from './pending-notice';
import { PreviewPane, usePreview } from './preview';
import { SchedulePanel } from './schedule-panel';
import { useArticleDraft, type SaveState } from './use-article-draft';
import { useAutosave, useLeaveWarning } from './use-autosave';

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
  const draft = useArticleDraft(initial);
  const { article, saveState, message, save } = draft;
  const published = article?.status === 'published';
  const preview = usePreview(draft.fields.body);
  const dialog = useRef<HTMLDialogElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const pendingNotice = usePendingNotice(initial, draft);
  const kept = useAutosave({ dirty: draft.dirty, article, fields: draft.fields, save });
  useLeaveWarning(draft.dirty || saveState === 'saving');
  // Uploads need the article to exist: a new one is saved as a draft first.
  const ensureSaved = () => (article ? Promise.resolve(article) : save('save'));
  const images = useBodyImages({ body: draft.fields.body, update: draft.update, ensureSaved });

  async function publish() {
    const saved = await save('publish');
    if (!saved) return;
    toast(published ? 'Your changes are live.' : 'Your article is published.');
    router.push(`${authorPath}/${saved.slug}`);
  }

  async function remove() {
    const removed = await draft.remove();
    dialog.current?.close();
    if (removed) router.push(authorPath);
  }

  return (
    <div ref={root} className="space-y-6">
      <EditorHeading
        editing={article !== null}
        saveState={saveState}
        message={message}
        dirty={draft.dirty}
      />
      {pendingNotice}
      <Form className="grid grid-cols-1 gap-6 lg:grid-cols-2" onSubmit={() => save('save')}>
        <div className="min-w-0 space-y-4">
          <ArticleFields
            fields={draft.fields}
            fieldErrors={draft.fieldErrors}
            update={draft.update}
            bodyProps={images.bodyProps}
          />
          <BodyImages {...images.panel} />
          <EditorActions
            article={article}
            authorPath={authorPath}
            saving={saveState === 'saving'}
            onUnpublish={draft.unpublish}
            onPublish={publish}
            onDelete={() => dialog.current?.showModal()}
          />
        </div>
        <PreviewPane html={preview.html} problem={preview.problem} />
      </Form>
      {article && !published ? (
        <SchedulePanel
          article={article}
          ensureSaved={() => (draft.dirty || !article ? save('save') : Promise.resolve(article))}
          adopt={draft.adopt}
        />
      ) : null}
      <CoverUpload
        article={article}
        ensureSaved={ensureSaved}
        onCover={(cover) => draft.adopt((current) => (current ? { ...current, cover } : current))}
      />
      <DeleteDialog ref={dialog} onDelete={remove} />
      <LeaveGuard scope={root} draft={draft} forget={kept.forget} />
    </div>
  );
}

/** The title of the page, where the draft's saving stands, and what went wrong if it did. */
function EditorHeading({
  editing,
  saveState,
  message,
  dirty,
}: {
  editing: boolean;
  saveState: SaveState;
  message: string | undefined;
  dirty: boolean;
}) {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">
          {editing ? 'Edit article' : 'New article'}
        </h1>
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {statusLine(saveState, message, dirty)}
        </p>
      </div>
      {saveState === 'error' && message ? <FormMessage tone="error">{message}</FormMessage> : null}
    </>
  );
}

/** Save or update, publish or unpublish, view, delete: what fits the article's state. */
function EditorActions({
  article,
  authorPath,
  saving,
  onUnpublish,
  onPublish,
  onDelete,
}: {
  article: EditorArticle | null;
  authorPath: string;
  saving: boolean;
  onUnpublish: () => void;
  onPublish: () => void;
  onDelete: () => void;
}) {
  const published = article?.status === 'published';
  return (
    <div className="flex flex-wrap gap-3">
      {published ? (
        <>
          <Button type="submit" busy={saving}>
            Update
          </Button>
          <Button variant="secondary" onClick={onUnpublish}>
            Unpublish
          </Button>
          <a href={`${authorPath}/${article?.slug}`} className={buttonClasses('ghost')}>
            View article
          </a>
          <Link href={`/write/${article?.id}/history`} className={buttonClasses('ghost')}>
            History
          </Link>
        </>
      ) : (
        <>
          <Button type="submit" variant="secondary" busy={saving}>
            Save draft
          </Button>
          <Button onClick={onPublish}>Publish</Button>
        </>
      )}
      {article ? (
        <Button variant="danger" onClick={onDelete}>
          Delete
        </Button>
      ) : null}
    </div>
  );
}

/** What the line beside the heading says: saving, saved (and when), or unsaved. */
function statusLine(saveState: SaveState, message: string | undefined, dirty: boolean) {
  if (saveState === 'saving') return 'Saving…';
  if (saveState === 'saved') return message;
  return dirty ? 'Unsaved changes' : '';
}
