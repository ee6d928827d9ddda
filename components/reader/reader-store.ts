'use client';

import { useSyncExternalStore } from 'react';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import type { ReaderState } from '@/lib/reader/reader-state';
import { READER_STATE_ELEMENT } from '@/lib/reader/reader-state-element';

/**
 * The reader's own state on a page kept for every signed-in reader (lib/page-cache): the page
 * holds nothing of them, so the parts that differ per reader (header, like button, edit link,
 * comment controls) read it from here. It is asked for once per page load (GET /api/reader),
 * when the first of those parts mounts; parts mounting in the same moment share that one call.
 * Pages rendered for one person pass their parts the server's answer instead, and never ask.
 */
export type ReaderSnapshot = ReaderState | { status: 'loading' };

const LOADING: ReaderSnapshot = { status: 'loading' };
let snapshot: ReaderSnapshot = LOADING;
const liked = new Map<string, boolean>();
const saved = new Map<string, boolean>();
const listeners = new Set<() => void>();
/** The article whose like the next call asks about. */
let articleToAsk: string | null = null;
let scheduled = false;

function publish(next: ReaderSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

/**
 * The state the server sent after the page (a hit of the page cache), if it is about the article
 * asked about; taken once, so a later page of this session asks afresh. The last such element:
 * the server's comes after everything the page holds.
 */
function sentWithPage(article: string | null): ReaderState | null {
  const sent = document.querySelectorAll(`script[type="application/json"]#${READER_STATE_ELEMENT}`);
  const element = sent[sent.length - 1];
  if (!element) return null;
  for (const each of sent) each.remove();
  try {
    const { article: about, ...state } = JSON.parse(element.textContent ?? '') as ReaderState & {
      article?: string;
    };
    return about === article ? state : null;
  } catch {
    return null;
  }
}

async function load(): Promise<void> {
  const article = articleToAsk;
  // The state follows the page's HTML: wait for the parser to reach it if it has not yet.
  if (document.readyState === 'loading')
    await new Promise((resolve) =>
      document.addEventListener('DOMContentLoaded', resolve, { once: true }),
    );
  const sent = sentWithPage(article);
  const answer = sent
    ? { ok: true as const, value: sent }
    : await callApi(api.readerState, { params: { article } });
  if (!answer.ok) return publish({ status: 'unavailable' });
  if (answer.value.status === 'signed-in' && article && answer.value.liked !== null)
    liked.set(article, answer.value.liked);
  if (answer.value.status === 'signed-in' && article && answer.value.saved !== null)
    saved.set(article, answer.value.saved);
  publish(answer.value);
}

function subscribe(listener: () => void, article: string | null = null): () => void {
  listeners.add(listener);
  articleToAsk ??= article;
  if (!scheduled) {
    scheduled = true;
    // The parts that mount in this moment say what they need first; then one call.
    setTimeout(() => void load(), 0);
  }
  return () => listeners.delete(listener);
}

const noSubscription = () => () => undefined;

/**
 * The reader's state, or `null` when the caller knows the reader already (`known`): then nothing
 * is asked. While the answer is on its way (and on the server) the state is `loading`.
 */
export function useReader(known: boolean): ReaderSnapshot | null {
  const state = useSyncExternalStore(
    known ? noSubscription : subscribe,
    () => snapshot,
    () => LOADING,
  );
  return known ? null : state;
}

const subscriptionsFor = new Map<string, (listener: () => void) => () => void>();

/** Subscribing for an article's like: the one call also asks about that article. */
function subscribeFor(articleId: string) {
  let subscription = subscriptionsFor.get(articleId);
  if (!subscription) {
    subscription = (listener) => subscribe(listener, articleId);
    subscriptionsFor.set(articleId, subscription);
  }
  return subscription;
}

/** The reader's like of `articleId` (null until known); asks with the reader's state. */
export function useReaderLike(articleId: string, known: boolean): boolean | null {
  const state = useSyncExternalStore(
    known ? noSubscription : subscribeFor(articleId),
    () => snapshot,
    () => LOADING,
  );
  return !known && state.status === 'signed-in' ? (liked.get(articleId) ?? null) : null;
}

/** What the reader changed themselves (a like): later reads of the store agree with it. */
export function rememberLike(articleId: string, value: boolean): void {
  liked.set(articleId, value);
}

/** Whether the reader saved `articleId` (null until known); asks with the reader's state. */
export function useReaderSaved(articleId: string, known: boolean): boolean | null {
  const state = useSyncExternalStore(
    known ? noSubscription : subscribeFor(articleId),
    () => snapshot,
    () => LOADING,
  );
  return !known && state.status === 'signed-in' ? (saved.get(articleId) ?? null) : null;
}

/** What the reader changed themselves (a save): later reads of the store agree with it. */
export function rememberSaved(articleId: string, value: boolean): void {
  saved.set(articleId, value);
}

const NOBODY_MUTED: readonly string[] = [];

/**
 * The people the reader muted whose comments `articleId`'s page hides (asked with the reader's
 * state); nobody while it is on its way, for a guest, or when the caller knows already (`known`).
 */
export function useReaderMuted(articleId: string, known: boolean): readonly string[] {
  const state = useSyncExternalStore(
    known ? noSubscription : subscribeFor(articleId),
    () => snapshot,
    () => LOADING,
  );
  return !known && state.status === 'signed-in' ? state.muted : NOBODY_MUTED;
}
