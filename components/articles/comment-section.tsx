'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { useReader } from '@/components/reader/reader-store';
import { TextArea } from '@/components/ui/text-field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api/contract';
import type { CommentThread } from '@/lib/articles/comments';
import { CommentBody } from './comment-body';

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
      <TextArea label={label} name="body" limit={5_000} required error={fieldErrors.body} />
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}

/** One comment with its replies, and a way to reply when signed in. */
function ThreadItem({
  thread,
  articleId,
  articleAuthorId,
  viewerId,
  replying,
  onReply,
}: {
  thread: CommentThread;
  articleId: string;
  articleAuthorId: string;
  viewerId: string | null;
  replying: boolean;
  onReply: (replying: boolean) => void;
}) {
  return (
    <li className="space-y-3 rounded-xl border border-line bg-surface p-4">
      <CommentBody comment={thread.comment} viewerId={viewerId} articleAuthorId={articleAuthorId} />
      {thread.replies.length > 0 ? (
        <ul
          className="space-y-3 border-l-2 border-line pl-4"
          aria-label={`Replies to ${thread.comment.author?.displayName ?? 'comment'}`}
        >
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentBody comment={reply} viewerId={viewerId} articleAuthorId={articleAuthorId} />
            </li>
          ))}
        </ul>
      ) : null}
      {viewerId ? (
        replying ? (
          <CommentForm
            articleId={articleId}
            parentId={thread.comment.id}
            label="Your reply"
            submitLabel="Post reply"
            onDone={() => onReply(false)}
          />
        ) : (
          <button
            type="button"
            className="text-sm text-accent underline"
            onClick={() => onReply(true)}
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

/**
 * Comments with one level of replies. `viewerId` is who is reading, as the server knows; undefined
 * on a page kept for every signed-in reader, where the reader's state says (the form waits for it).
 */
export function CommentSection({
  articleId,
  articleAuthorId,
  threads,
  viewerId: viewerOnServer,
}: {
  articleId: string;
  articleAuthorId: string;
  threads: CommentThread[];
  viewerId: string | null | undefined;
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
  const count = threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0);
  return (
    <section aria-labelledby="comments-heading" className="space-y-6">
      <h2 id="comments-heading" className="font-serif text-2xl font-semibold">
        Comments <span className="text-base font-normal text-muted">({count})</span>
      </h2>
      {viewerId ? (
        <CommentForm articleId={articleId} label="Add a comment" submitLabel="Post comment" />
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
      {threads.length === 0 ? (
        <p className="text-muted">No comments yet. Start the conversation.</p>
      ) : (
        <ul className="space-y-6" aria-label="Comments">
          {threads.map((thread) => (
            <ThreadItem
              key={thread.comment.id}
              thread={thread}
              articleId={articleId}
              articleAuthorId={articleAuthorId}
              viewerId={viewerId}
              replying={replyingTo === thread.comment.id}
              onReply={(replying) => setReplyingTo(replying ? thread.comment.id : null)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
