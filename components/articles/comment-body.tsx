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
import type { CommentThread } from '@/lib/articles/comment-tree';

type Comment = CommentThread['comment'];

/** Who wrote it (a former member when the account is gone) and when. */
function CommentByline({ comment, name }: { comment: Comment; name: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
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
        limit={5_000}
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

/** "Replying to @name", linking to that comment: shown when a reply sits beside, not under, it. */
function ReplyingTo({ to }: { to: NonNullable<CommentThread['replyingTo']> }) {
  return (
    <p className="text-sm text-muted">
      Replying to{' '}
      <a href={`#${commentAnchor(to.commentId)}`} className="text-accent underline">
        @{to.username}
      </a>
    </p>
  );
}

/** What the viewer may do with a comment: reply, edit and delete their own, delete on their article. */
function CommentActions({
  replyButtonId,
  name,
  mine,
  canDelete,
  onReply,
  onEdit,
  onDelete,
}: {
  replyButtonId: string;
  name: string;
  mine: boolean;
  canDelete: boolean;
  onReply?: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  if (!onReply && !mine && !canDelete) return null;
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      {onReply ? (
        <button
          id={replyButtonId}
          type="button"
          className="text-accent underline"
          onClick={onReply}
        >
          Reply<span className="sr-only"> to {name}</span>
        </button>
      ) : null}
      {mine ? (
        <button type="button" className="text-accent underline" onClick={onEdit}>
          Edit<span className="sr-only"> your comment</span>
        </button>
      ) : null}
      {canDelete ? (
        <button type="button" className="text-danger underline" onClick={onDelete}>
          Delete<span className="sr-only"> comment by {name}</span>
        </button>
      ) : null}
    </div>
  );
}

/**
 * One comment as an article element named by its author and time: byline, text (or its edit
 * form), what the viewer may do with it, and (`children`) the reply form when open. Its HTML was
 * rendered and sanitised when it was written (lib/articles/render-markdown.ts).
 */
export function CommentBody({
  comment,
  replyingTo,
  isReply,
  viewerId,
  articleAuthorId,
  onReply,
  children,
}: {
  comment: Comment;
  replyingTo: CommentThread['replyingTo'];
  isReply: boolean;
  viewerId: string | null;
  articleAuthorId: string;
  onReply?: () => void;
  children?: React.ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const removal = useApiCall();
  const mine = viewerId === comment.authorId;
  const canDelete = mine || viewerId === articleAuthorId;
  const name = comment.author?.displayName ?? 'A former member';
  return (
    <article
      id={commentAnchor(comment.id)}
      // Read by MutedComments: a reader who muted the author has it hidden for them alone.
      data-author-id={comment.authorId}
      tabIndex={-1}
      // Its time is inside (filled in the reader's own zone), not in the name: the HTML is shared.
      aria-label={`${isReply ? 'Reply' : 'Comment'} by ${name}`}
      className="min-w-0 scroll-mt-24 space-y-2 rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-accent data-[highlight=true]:ring-2 data-[highlight=true]:ring-accent data-[highlight=true]:ring-offset-4 data-[highlight=true]:ring-offset-surface"
    >
      <CommentByline comment={comment} name={name} />
      {replyingTo ? <ReplyingTo to={replyingTo} /> : null}
      {editing ? (
        <EditCommentForm comment={comment} onDone={() => setEditing(false)} />
      ) : (
        <div
          className="prose prose-inkwell max-w-none break-words prose-pre:max-w-full prose-pre:overflow-x-auto"
          // Rendered once when written, with the articles' sanitiser (comment profile).
          dangerouslySetInnerHTML={{ __html: comment.html }}
        />
      )}
      {removal.formError ? <FormMessage tone="error">{removal.formError}</FormMessage> : null}
      {editing ? null : (
        <CommentActions
          replyButtonId={`${commentAnchor(comment.id)}-reply`}
          name={name}
          mine={mine}
          canDelete={canDelete}
          onReply={onReply}
          onEdit={() => setEditing(true)}
          onDelete={() => setConfirmingDelete(true)}
        />
      )}
      {children}
      {canDelete ? (
        <DeleteCommentDialog
          comment={comment}
          open={confirmingDelete}
          onClose={() => setConfirmingDelete(false)}
          removal={removal}
        />
      ) : null}
    </article>
  );
}
