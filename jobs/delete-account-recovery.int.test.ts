import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { setLike } from '@/lib/articles/likes';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { addComment } from '@/lib/articles/write-comment';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { blockUser } from '@/lib/friends/block-user';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { setLocalDispatch } from '@/lib/jobs/client';
import { LocalExecutor } from '@/lib/jobs/local-executor';
import { RELAY_GRACE_MS } from '@/lib/jobs/outbox';
import { relayOutbox } from '@/lib/jobs/outbox-relay';
import { setUpTestStores } from '@/lib/testing/stores';
import { tracesOf } from '@/lib/testing/traces';
import { makeUser } from '@/lib/testing/users';
import { getUserById } from '@/lib/users/cache';
import { deleteAccountJob } from './delete-account';
import { localExecutor } from './runtime';
import { journaledExecutor, until } from '@/lib/testing/journaled-executor';

/*
 * Faults injected into the friend-graph purge (a test-only seam): the process "dies" right after
 * the friendships were removed, before that step's result is journaled; and just before the blocks
 * are removed, the deleted person's stale request (authorised before the deletion) still writes.
 */
const faults = vi.hoisted(() => ({
  freezeAfterPairs: false,
  frozen: false,
  beforeBlocks: null as null | (() => Promise<void>),
}));

vi.mock('@/lib/friends/purge-user', async (original) => {
  const real = await original<typeof import('@/lib/friends/purge-user')>();
  return {
    ...real,
    purgePairs: async (...args: Parameters<typeof real.purgePairs>) => {
      await real.purgePairs(...args);
      if (faults.freezeAfterPairs) {
        faults.freezeAfterPairs = false;
        faults.frozen = true;
        await new Promise(() => {});
      }
    },
    purgeBlocks: async (...args: Parameters<typeof real.purgeBlocks>) => {
      const hook = faults.beforeBlocks;
      faults.beforeBlocks = null;
      if (hook) await hook();
      return real.purgeBlocks(...args);
    },
  };
});

setUpTestStores();
afterEach(() => setLocalDispatch(undefined));

const LEASE_MS = 300;

function instance(): LocalExecutor {
  return journaledExecutor([deleteAccountJob], LEASE_MS);
}

describe('a deletion whose process dies midway, while a stale request still writes', () => {
  it('is finished by another instance, and nothing written meanwhile survives', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    await sendFriendRequest(ada.id, bob.id);
    await acceptFriendRequest(bob.id, ada.id);
    await blockUser(ada.id, cat.id);
    const bobs = await createArticle(bob.viewer, { title: 'Open to comments', body: 'Hi.' });
    if (!bobs.ok) throw new Error('no article');
    expect((await saveArticle(bob.viewer, bobs.value.id, {}, 'publish')).ok).toBe(true);
    // Events stay in the outbox: this test hands the deletion to its own two instances.
    setLocalDispatch(() => Promise.reject(new Error('job runner unavailable')));
    expect((await deleteAccount(ada.viewer, { password: 'ink-and-quill-2026' })).ok).toBe(true);

    // Ada's request, authorised before the deletion, lands after her articles, comments and
    // likes were already removed.
    const late: string[] = [];
    faults.beforeBlocks = async () => {
      const draft = await createArticle(ada.viewer, { title: 'Saved too late', body: 'Oops.' });
      if (!draft.ok) throw new Error('the late draft was refused');
      late.push(draft.value.id);
      expect((await addComment(ada.viewer, bobs.value.id, { body: 'Late words.' })).ok).toBe(true);
      expect((await setLike(ada.viewer, bobs.value.id, true)).ok).toBe(true);
    };
    faults.freezeAfterPairs = true;
    const event = {
      id: `account-deletion:${ada.id}`,
      name: 'account/deletion.requested',
      data: { userId: ada.id, requestedAt: new Date().toISOString() },
      ts: Date.now(),
    };
    const first = instance();
    first.startRecovery();
    await first.dispatch([event]);
    await until(() => faults.frozen);
    first.stop();
    expect(await getUserById(bob.id)).toMatchObject({ friendCount: 0 });

    const second = instance();
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 50));
    expect(await second.resumeAbandonedRuns()).toBe(1);
    await until(() => second.history.length === 1);
    expect(second.history[0]?.status).toBe('completed');
    expect(late).toHaveLength(1);
    // The runner is back: what waited in the outbox (the deletion, the late comment and like)
    // is delivered, and each job finds nothing left to act on.
    setLocalDispatch(undefined);
    await relayOutbox(new Date(Date.now() + RELAY_GRACE_MS + 1_000));
    await localExecutor().idle();
    expect(localExecutor().history.every((run) => run.status === 'completed')).toBe(true);
    const traces = await tracesOf([ada.id, ada.usernameKey, ...late], {
      ignoreKeys: /^jobs:/,
    });
    expect(traces).toEqual({ documents: {}, redisKeys: [] });
    expect(await getUserById(bob.id)).toMatchObject({ friendCount: 0 });
    second.stop();
  }, 120_000);
});
