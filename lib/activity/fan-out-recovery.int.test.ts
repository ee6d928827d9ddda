import { Types } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { fanOutPublishedArticle } from '@/jobs/activity-articles';
import { ArticleModel } from '@/lib/articles/models';
import { LocalExecutor } from '@/lib/jobs/local-executor';
import { cacheRedis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeFriends, makeUser } from '@/lib/testing/users';
import { streamIndex } from './cache';
import { fanOutFaults } from '@/lib/testing/fan-out-faults';
import { journaledExecutor, until } from '@/lib/testing/journaled-executor';

// Stream delivery behind the faults these tests inject (a test-only seam).
vi.mock('@/lib/activity/deliver', async (original) => {
  const { withFanOutFaults } = await import('@/lib/testing/fan-out-faults');
  return withFanOutFaults(await original<typeof import('@/lib/activity/deliver')>());
});

setUpTestStores();

const LEASE_MS = 300;

function instance(): LocalExecutor {
  return journaledExecutor([fanOutPublishedArticle], LEASE_MS);
}

describe('a fan-out whose process dies midway', () => {
  it('is finished by another instance from its last finished batch, without duplicates or losses', async () => {
    const author = await makeUser('fading');
    const now = new Date();
    const friends = await makeFriends(author.id, 2_500, 'heir');

    // The first instance delivers batch 0, then its process "dies" inside batch 1: it hangs
    // there forever and stops renewing its lease.
    fanOutFaults.freezeOnce.add(1);
    const first = instance();
    first.startRecovery();
    const articleId = new Types.ObjectId().toString();
    // The fan-out delivers only an article that MongoDB holds as published in that publication.
    await ArticleModel.create({
      _id: articleId,
      authorId: author.id,
      title: 'Read by the heirs',
      slug: 'read-by-the-heirs',
      status: 'published',
      publishedAt: now,
    });
    await first.dispatch([
      {
        id: `published-${articleId}`,
        name: 'article/published',
        data: {
          articleId,
          authorId: author.id,
          visibility: 'public',
          publishedAt: now.toISOString(),
        },
        ts: Date.now(),
      },
    ]);
    await until(() => fanOutFaults.freezeOnce.size === 0);
    first.stop();

    const store = cacheRedis();
    const streamSizes = () =>
      store.all(friends.map((friend) => store.cmd.zcard(streamIndex.key(friend))));
    const deliveredBefore = (await streamSizes()).filter((size) => size === 1).length;
    expect(deliveredBefore).toBe(1_000);

    // Another instance takes the run over once the lease has lapsed.
    const second = instance();
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 50));
    expect(await second.resumeAbandonedRuns()).toBe(1);
    await until(() => second.history.length === 1);
    const [run] = second.history;
    expect(run?.status).toBe('completed');
    // Only the cut-off batch and the one after it ran again; the rest came from the journal.
    expect(run?.stepsRun).toBe(2);
    expect(run?.output).toMatchObject({ delivered: 2_500 });
    expect((await streamSizes()).every((size) => size === 1)).toBe(true);
    // Nothing is left for a third instance to pick up.
    expect(await second.resumeAbandonedRuns()).toBe(0);
    second.stop();
  }, 120_000);
});
