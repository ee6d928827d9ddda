'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormMessage } from '@/components/ui/form-message';
import { TextArea } from '@/components/ui/text-field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api/contract';
import type { CommentThread } from '@/lib/articles/comments';

const timeFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function CommentForm({
  articleId,
  parentId,
  label,
  submitLabel,
  onDone,
}: {
  articleId: string;
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone?: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const { busy, fieldErrors, formError, call } = useApiCall();
  return (
    <Form
      className="space-y-3"
      // A message on the comment itself is not repeated for the form.
      error={fieldErrors.body ? undefined : formError}
      onSubmit={async (data, form) => {
        const body = { body: textOf(data, 'body'), parentId };
        if (await call(api.addComment, { params: { id: articleId }, body })) {
          form.reset();
          toast(parentId ? 'Reply posted.' : 'Comment posted.');
          onDone?.();
          router.refresh();
        }
      }}
    >
      <TextArea label={label} name="body" maxLength={5_000} required error={fieldErrors.body} />
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}

function CommentBody({
  comment,
  viewerId,
  articleAuthorId,
}: {
  comment: CommentThread['comment'];
  viewerId: string | null;
  articleAuthorId: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const edit = useApiCall();
  const removal = useApiCall();
  const mine = viewerId === comment.authorId;
  const canDelete = mine || viewerId === articleAuthorId;
  const name = comment.author?.displayName ?? 'A former member';
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        {comment.author ? <Avatar user={comment.author} size={28} decorative /> : null}
        {comment.author ? (
          <Link href={`/u/${comment.author.usernameKey}`} className="font-medium hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium">{name}</span>
        )}
        <time className="text-muted" dateTime={comment.createdAt}>
          {timeFormat.format(new Date(comment.createdAt))} UTC
        </time>
        {comment.edited ? <span className="text-muted">(edited)</span> : null}
      </div>
      {editing ? (
        <Form
          className="space-y-2"
          error={edit.fieldErrors.body ? undefined : edit.formError}
          onSubmit={async (data) => {
            const body = { body: textOf(data, 'body') };
            if (await edit.call(api.editComment, { params: { id: comment.id }, body })) {
              setEditing(false);
              router.refresh();
            }
          }}
        >
          <TextArea
            label="Edit your comment"
            name="body"
            defaultValue={comment.body}
            error={edit.fieldErrors.body}
          />
          <div className="flex gap-2">
            <Button type="submit" busy={edit.busy}>
              Save comment
            </Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </Form>
      ) : (
        <p className="whitespace-pre-line break-words">{comment.body}</p>
      )}
      {removal.formError ? <FormMessage tone="error">{removal.formError}</FormMessage> : null}
      {!editing && (mine || canDelete) ? (
        <div className="flex gap-3 text-sm">
          {mine ? (
            <button
              type="button"
              className="text-accent underline"
              onClick={() => setEditing(true)}
            >
              Edit<span className="sr-only"> your comment</span>
            </button>
          ) : null}
          {canDelete ? (
            <button
              type="button"
              className="text-danger underline"
              onClick={() => setConfirmingDelete(true)}
            >
              Delete<span className="sr-only"> comment by {name}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {canDelete ? (
        <ConfirmDialog
          open={confirmingDelete}
          title="Delete this comment?"
          confirmLabel="Delete comment"
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={async () => {
            setConfirmingDelete(false);
            if (await removal.call(api.deleteComment, { params: { id: comment.id } })) {
              toast('Comment deleted.');
              router.refresh();
            }
          }}
        >
          Its replies are deleted with it. This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Comments with one level of replies. */
export function CommentSection({
  articleId,
  articleAuthorId,
  threads,
  viewerId,
}: {
  articleId: string;
  articleAuthorId: string;
  threads: CommentThread[];
  viewerId: string | null;
}) {
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const count = threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0);
  return (
    <section aria-labelledby="comments-heading" className="space-y-6">
      <h2 id="comments-heading" className="font-serif text-2xl font-semibold">
        Comments <span className="text-base font-normal text-muted">({count})</span>
      </h2>
      {viewerId ? (
        <CommentForm articleId={articleId} label="Add a comment" submitLabel="Post comment" />
      ) : (
        <p className="text-muted">
          <Link href="/signin" className="text-accent underline">
            Sign in
          </Link>{' '}
          to join the discussion.
        </p>
      )}
      {threads.length === 0 ? (
        <p className="text-muted">No comments yet. Start the conversation.</p>
      ) : (
        <ul className="space-y-6" aria-label="Comments">
          {threads.map((thread) => (
            <li
              key={thread.comment.id}
              className="space-y-3 rounded-xl border border-line bg-surface p-4"
            >
              <CommentBody
                comment={thread.comment}
                viewerId={viewerId}
                articleAuthorId={articleAuthorId}
              />
              {thread.replies.length > 0 ? (
                <ul
                  className="space-y-3 border-l-2 border-line pl-4"
                  aria-label={`Replies to ${thread.comment.author?.displayName ?? 'comment'}`}
                >
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentBody
                        comment={reply}
                        viewerId={viewerId}
                        articleAuthorId={articleAuthorId}
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
              {viewerId ? (
                replyingTo === thread.comment.id ? (
                  <CommentForm
                    articleId={articleId}
                    parentId={thread.comment.id}
                    label="Your reply"
                    submitLabel="Post reply"
                    onDone={() => setReplyingTo(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="text-sm text-accent underline"
                    onClick={() => setReplyingTo(thread.comment.id)}
                  >
                    Reply
                    <span className="sr-only">
                      {' '}
                      to {thread.comment.author?.displayName ?? 'this comment'}
                    </span>
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
