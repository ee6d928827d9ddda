'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

/**
 * The unread count the bell shows, kept current without a page load: the server's count when a
 * page renders, the answer of marking read, and a poll of the reader's state (the session, the
 * user and one counter in Redis; no MongoDB) every minute while the page is visible and whenever
 * it becomes visible again.
 */
const POLL_MS = 60_000;
let unread: number | null = null;
const listeners = new Set<() => void>();

export function setUnread(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function poll(): Promise<void> {
  if (document.visibilityState !== 'visible') return;
  const answer = await callApi(api.readerState, { params: { article: null } });
  if (answer.ok && answer.value.status === 'signed-in') setUnread(answer.value.unread);
}

/** The current count, starting from the server's `rendered`; polls while mounted. */
export function useUnread(rendered: number): number {
  useEffect(() => setUnread(rendered), [rendered]);
  useEffect(() => {
    const timer = setInterval(() => void poll(), POLL_MS);
    const onVisible = () => void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return useSyncExternalStore(
    subscribe,
    () => unread ?? rendered,
    () => rendered,
  );
}
