'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { RelativeTime } from '@/components/ui/relative-time';
import { FormMessage } from '@/components/ui/form-message';
import { TextArea } from '@/components/ui/text-field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api/contract';
import { commentAnchor } from '@/lib/articles/comment-anchor';
import type { CommentThread } from '@/lib/articles/comments';

type Comment = CommentThread['comment'];

/** Who wrote it (a former member when the account is gone) and when. */
function CommentByline({ comment, name }: { comment: Comment; name: string }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      {comment.author ? <Avatar user={comment.author} size={28} decorative /> : null}
      {comment.author ? (
        <Link href={`/u/${comment.author.usernameKey}`} className="font-medium hover:underline">
          {name}
        </Link>
      ) : (
        <span className="font-medium">{name}</span>
      )}
      <RelativeTime className="text-muted" iso={comment.createdAt} />
      {comment.edited ? <span className="text-muted">(edited)</span> : null}
    </div>
  );
}

/** The author's own comment, edited in place. */
function EditCommentForm({ comment, onDone }: { comment: Comment; onDone: () => void }) {
  const router = useRouter();
  const edit = useApiCall();
  return (
    <Form
      className="space-y-2"
      error={edit.fieldErrors.body ? undefined : edit.formError}
      onSubmit={async (data) => {
        const body = { body: textOf(data, 'body') };
        if (await edit.call(api.editComment, { params: { id: comment.id }, body })) {
          onDone();
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
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

/** Deleting asks first; the comment's replies go with it. */
function DeleteCommentDialog({
  comment,
  open,
  onClose,
  removal,
}: {
  comment: Comment;
  open: boolean;
  onClose: () => void;
  removal: ReturnType<typeof useApiCall>;
}) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={open}
      title="Delete this comment?"
      confirmLabel="Delete comment"
      onCancel={onClose}
      onConfirm={async () => {
        onClose();
        if (await removal.call(api.deleteComment, { params: { id: comment.id } })) {
          toast('Comment deleted.');
          router.refresh();
        }
      }}
    >
      Its replies are deleted with it. This cannot be undone.
    </ConfirmDialog>
  );
}

/** One comment: byline, text (or its edit form), and what the viewer may do with it. */
export function CommentBody({
  comment,
  viewerId,
  articleAuthorId,
}: {
  comment: Comment;
  viewerId: string | null;
  articleAuthorId: string;
}) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const removal = useApiCall();
  const mine = viewerId === comment.authorId;
  const canDelete = mine || viewerId === articleAuthorId;
  const name = comment.author?.displayName ?? 'A former member';
  return (
    <div
      id={commentAnchor(comment.id)}
      tabIndex={-1}
      className="scroll-mt-24 space-y-2 rounded-lg outline-none data-[highlight=true]:ring-2 data-[highlight=true]:ring-accent data-[highlight=true]:ring-offset-4 data-[highlight=true]:ring-offset-surface"
    >
      <CommentByline comment={comment} name={name} />
      {editing ? (
        <EditCommentForm comment={comment} onDone={() => setEditing(false)} />
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
        <DeleteCommentDialog
          comment={comment}
          open={confirmingDelete}
          onClose={() => setConfirmingDelete(false)}
          removal={removal}
        />
      ) : null}
    </div>
  );
}
