'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ReportButton } from '@/components/moderation/report-button';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { useReader } from '@/components/reader/reader-store';
import { TextArea } from '@/components/ui/text-field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api/contract';
import { commentAnchor } from '@/lib/articles/comment-anchor';
import { countComments, type CommentThread } from '@/lib/articles/comment-tree';
import { CommentBody } from './comment-body';
import { MutedComments } from './muted-comments';

const FORMATTING_HINT =
  'Markdown: *emphasis*, **bold**, `code`, [links](https://…), lists, quotes.';

function CommentForm({
  articleId,
  parentId,
  label,
  submitLabel,
  onPosted,
  onCancel,
}: {
  articleId: string;
  parentId?: string;
  label: string;
  submitLabel: string;
  onPosted: (commentId: string) => void;
  onCancel?: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const { busy, fieldErrors, formError, call } = useApiCall();
  return (
    <Form
      className="space-y-3"
      // A message on the comment itself is not repeated for the form; a vanished parent is said.
      error={fieldErrors.parentId ?? (fieldErrors.body ? undefined : formError)}
      onSubmit={async (data, form) => {
        const body = { body: textOf(data, 'body'), parentId };
        const posted = await call(api.addComment, { params: { id: articleId }, body });
        if (posted) {
          form.reset();
          toast(parentId ? 'Reply posted.' : 'Comment posted.');
          onPosted(posted.id);
          router.refresh();
        }
      }}
    >
      <TextArea
        label={label}
        name="body"
        limit={5_000}
        required
        autoFocus={parentId !== undefined}
        hint={FORMATTING_HINT}
        error={fieldErrors.body}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

interface ThreadContext {
  articleId: string;
  articleAuthorId: string;
  viewerId: string | null;
  replyingTo: string | null;
  setReplyingTo: (commentId: string | null) => void;
  onPosted: (commentId: string) => void;
}

/**
 * One comment with the replies under it, indented one level deeper (lib/articles/comment-tree.ts
 * caps the levels). Its "Reply" opens a form right below it, before its replies: reading order.
 */
function ThreadItem({
  thread,
  level,
  context,
}: {
  thread: CommentThread;
  level: number;
  context: ThreadContext;
}) {
  const { comment } = thread;
  const name = comment.author?.displayName ?? 'this comment';
  const replying = context.replyingTo === comment.id;
  const closeForm = () => {
    context.setReplyingTo(null);
    // Back to the button that opened the form.
    requestAnimationFrame(() =>
      document.getElementById(`${commentAnchor(comment.id)}-reply`)?.focus(),
    );
  };
  return (
    <li className={level === 0 ? 'rounded-xl border border-line bg-surface p-4' : ''}>
      <CommentBody
        comment={comment}
        replyingTo={thread.replyingTo}
        isReply={level > 0}
        viewerId={context.viewerId}
        articleAuthorId={context.articleAuthorId}
        onReply={context.viewerId ? () => context.setReplyingTo(comment.id) : undefined}
      >
        {replying ? (
          <CommentForm
            articleId={context.articleId}
            parentId={comment.id}
            label={`Reply to ${name}`}
            submitLabel="Post reply"
            onPosted={context.onPosted}
            onCancel={closeForm}
          />
        ) : null}
      </CommentBody>
      {context.viewerId && context.viewerId !== comment.authorId ? (
        <ReportButton kind="comment" id={comment.id} signedIn />
      ) : null}
      {thread.replies.length > 0 ? (
        <ul
          className="mt-3 space-y-3 border-l-2 border-line pl-3 sm:pl-4"
          aria-label={`Replies to ${name}`}
        >
          {thread.replies.map((reply) => (
            <ThreadItem key={reply.comment.id} thread={reply} level={level + 1} context={context} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * A link to one comment (`#comment-<id>`, from a notification) shows it: the comments stream in
 * after the page, so the browser's own jump to the fragment finds nothing; this one waits for them.
 */
function useHighlightLinkedComment() {
  useEffect(() => {
    // Only a comment's own name: anything else in the fragment (a crafted link) is left alone.
    const id = window.location.hash.slice(1);
    if (!/^comment-[a-f0-9]{24}$/.test(id)) return;
    const target = document.getElementById(id);
    if (!target) return;
    target.dataset.highlight = 'true';
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }, []);
}

/** After posting, focus goes to the new comment once the refreshed page shows it. */
function useFocusPosted(threads: CommentThread[]) {
  const posted = useRef<string | null>(null);
  useEffect(() => {
    if (!posted.current) return;
    const target = document.getElementById(commentAnchor(posted.current));
    if (!target) return;
    target.focus();
    posted.current = null;
  }, [threads]);
  return (commentId: string) => {
    posted.current = commentId;
  };
}

/**
 * Comments and replies to any depth, indented. `viewerId` is who is reading, as the server knows;
 * undefined on a page kept for every signed-in reader, where the reader's state says (forms and
 * buttons wait for it: nothing of one reader is in the shared page).
 */
export function CommentSection({
  articleId,
  articleAuthorId,
  threads,
  viewerId: viewerOnServer,
  mutedAuthorIds,
}: {
  articleId: string;
  articleAuthorId: string;
  threads: CommentThread[];
  viewerId: string | null | undefined;
  /** Whom the reader muted, when the page is theirs alone; else the reader's state says. */
  mutedAuthorIds?: readonly string[];
}) {
  const reader = useReader(viewerOnServer !== undefined);
  const viewerId =
    viewerOnServer !== undefined
      ? viewerOnServer
      : reader?.status === 'signed-in'
        ? reader.user.id
        : null;
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  useHighlightLinkedComment();
  const setPosted = useFocusPosted(threads);
  const onPosted = (commentId: string) => {
    setReplyingTo(null);
    setPosted(commentId);
  };
  const context = { articleId, articleAuthorId, viewerId, replyingTo, setReplyingTo, onPosted };
  return (
    <section aria-labelledby="comments-heading" className="space-y-6">
      <h2 id="comments-heading" className="font-serif text-2xl font-semibold">
        Comments{' '}
        <span className="text-base font-normal text-muted">({countComments(threads)})</span>
      </h2>
      {viewerId ? (
        <CommentForm
          articleId={articleId}
          label="Add a comment"
          submitLabel="Post comment"
          onPosted={onPosted}
        />
      ) : reader?.status === 'loading' ? (
        <div aria-hidden="true" className="h-36 animate-pulse rounded-xl bg-line" />
      ) : (
        <p className="text-muted">
          <Link href="/signin" className="text-accent underline">
            Sign in
          </Link>{' '}
          to join the discussion.
        </p>
      )}
      {viewerOnServer === null ? null : (
        <MutedComments articleId={articleId} muted={mutedAuthorIds} />
      )}
      {threads.length === 0 ? (
        <p className="text-muted">No comments yet. Start the conversation.</p>
      ) : (
        <ul className="space-y-6" aria-label="Comments">
          {threads.map((thread) => (
            <ThreadItem key={thread.comment.id} thread={thread} level={0} context={context} />
          ))}
        </ul>
      )}
    </section>
  );
}
