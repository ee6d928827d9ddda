import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import type { makeUser } from './users';
import { retryWhileBusy } from './while-busy';

export type Person = Awaited<ReturnType<typeof makeUser>>;

/**
 * Waits until the jobs a write started are done: the test passes its executor's idle (lib cannot
 * import jobs/runtime).
 */
export type Settle = () => Promise<void>;

/** A published article of `author`, once the jobs publishing started are done. */
export async function publishAs(
  author: Person,
  title: string,
  settle: Settle,
  extra: Record<string, unknown> = {},
) {
  const draft = await createArticle(author.viewer, { title, body: `About ${title}.`, ...extra });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await retryWhileBusy(() =>
    saveArticle(author.viewer, draft.value.id, {}, 'publish'),
  );
  if (!published.ok) throw new Error(JSON.stringify(published));
  await settle();
  return published.value;
}

/** `a` asks, `b` accepts: friends once the jobs it started are done. */
export async function befriendAs(a: Person, b: Person, settle: Settle): Promise<void> {
  await sendFriendRequest(a.id, b.id);
  await acceptFriendRequest(b.id, a.id);
  await settle();
}
