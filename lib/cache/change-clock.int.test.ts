import { describe, expect, it } from 'vitest';
import {
  createRequestContext,
  newPageCapture,
  runWithRequestContext,
  type RequestContext,
} from '@/lib/request/context';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from '@/jobs/runtime';
import { cacheRedis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { dropCached, readThrough } from './cache-aside';
import { changeStampsPruneRequested } from './events';
import {
  pruneStampShard,
  readStamps,
  readStampsAndBirths,
  readStampsAndBirthsTogether,
  shardBirths,
  STAMP_SHARDS,
  STAMP_TTL_MS,
  stampOps,
  stampShardOf,
  stampShardKey,
  tagOf,
  withStamps,
} from './change-clock';
import { VersionedIndexCache } from './versioned-index';
import { VersionedSetCache } from './versioned-set';

setUpTestStores();

function capturing(): RequestContext {
  const metrics = createRequestContext('test');
  metrics.pageCapture = newPageCapture();
  return metrics;
}

const set = new VersionedSetCache({
  kind: 'graph',
  name: 'clock-set',
  ttlSeconds: 60,
  load: async () => ['a'],
});
const index = new VersionedIndexCache({
  kind: 'stream',
  name: 'clock-index',
  ttlSeconds: 60,
  capacity: 10,
  load: async () => [],
});

describe('the change clock', () => {
  it('records every cached object a capturing request reads, and nothing otherwise', async () => {
    const metrics = capturing();
    await runWithRequestContext(metrics, async () => {
      await readThrough({ kind: 'user', key: 'clock:object', ttlSeconds: 60, load: async () => 1 });
      await set.get('owner');
      await index.page('owner', 5);
    });
    expect([...(metrics.pageCapture?.dependencies ?? [])].sort()).toEqual([
      'clock-index:owner',
      'clock-set:owner',
      'clock:object',
    ]);
    const plain = createRequestContext('plain');
    await runWithRequestContext(plain, () => set.get('owner'));
    expect(plain.pageCapture).toBeUndefined();
  });

  it('stamps an object when it changes, after the change, whichever way it changes', async () => {
    const before = Date.now();
    expect(await readStamps(['clock:object', 'clock-set:owner', 'clock-index:owner'])).toEqual([
      0, 0, 0,
    ]);
    await dropCached('clock:object');
    await cacheRedis().all(
      withStamps([set.change('owner', 'add', ['b']), index.change('owner', 'add', 'x', 5)]),
    );
    const stamps = await readStamps([
      tagOf('clock:object'),
      tagOf(set.key('owner')),
      tagOf(index.key('owner')),
    ]);
    for (const stamp of stamps) {
      expect(stamp).toBeGreaterThanOrEqual(before);
      expect(stamp).toBeLessThanOrEqual(Date.now());
    }
    // The change itself went through with the stamp.
    expect((await set.get('owner')).sort()).toEqual(['a', 'b']);
  });

  it('reads many stamps with one command per shard, whatever their objects', async () => {
    const tags = Array.from({ length: 70 }, (_, index) => `many:${index}`);
    const at = Date.now();
    await cacheRedis().all(stampOps(tags, at));
    const shards = new Set(tags.map(stampShardOf));
    expect(shards.size).toBeLessThanOrEqual(STAMP_SHARDS);
    const metrics = createRequestContext('stamps');
    const stamps = await runWithRequestContext(metrics, () => readStamps([...tags, 'never']));
    expect(stamps).toEqual([...tags.map(() => at), 0]);
    expect(metrics.redis.commands).toBe(shards.size);
  });

  it('shares one read among the stamp checks asked together, each seeing what changed before it asked', async () => {
    const pages = [
      ['together:article', 'together:author'],
      ['together:article'],
      ['together:other', 'together:author'],
    ];
    const tags = [...new Set(pages.flat())];
    const before = Date.now() - 1_000;
    await cacheRedis().all(stampOps(tags, before));
    const changed = Date.now();
    await cacheRedis().all(stampOps(['together:article'], changed));
    const metrics = createRequestContext('together');
    const replies = await runWithRequestContext(metrics, () =>
      Promise.all(pages.map((page) => readStampsAndBirthsTogether(page))),
    );
    expect(replies.map((reply) => reply.stamps)).toEqual([
      [changed, before],
      [changed],
      [before, before],
    ]);
    // One command per shard of all the tags, not per check.
    expect(metrics.redis.commands).toBe(new Set(tags.map(stampShardOf)).size);
    // Each check gets the births of its own shards only (it compares all it gets).
    for (const [index, page] of pages.entries()) {
      const own = (await readStampsAndBirths(page)).births;
      expect(replies[index]?.births).toEqual(own);
    }
    // Checks of one kept copy (the same list of tags) share one answer.
    const copy = pages[0] ?? [];
    const [one, other] = await Promise.all([
      readStampsAndBirthsTogether(copy),
      readStampsAndBirthsTogether(copy),
    ]);
    expect(other).toBe(one);
    expect(one.stamps).toEqual([changed, before]);
    // A check asked later is a read of its own, made after it asked.
    const later = Date.now() + 10;
    await cacheRedis().all(stampOps(['together:other'], later));
    expect((await readStampsAndBirthsTogether(['together:other'])).stamps).toEqual([later]);
  });

  it('never moves a stamp backwards (a writer whose clock is behind)', async () => {
    const ahead = Date.now() + 500;
    await cacheRedis().all(stampOps(['skewed'], ahead));
    await cacheRedis().all(stampOps(['skewed'], ahead - 400));
    expect(await readStamps(['skewed'])).toEqual([ahead]);
  });

  it('prunes only the stamps older than their lifetime', async () => {
    const now = Date.now();
    const old = now - STAMP_TTL_MS - 1;
    await cacheRedis().all(stampOps(['old', 'recent'], old));
    await cacheRedis().all(stampOps(['recent'], now));
    let removed = 0;
    for (let shard = 0; shard < STAMP_SHARDS; shard += 1)
      removed += await pruneStampShard(shard, now);
    expect(removed).toBe(1);
    expect(await readStamps(['old', 'recent'])).toEqual([0, now]);
    expect(stampShardKey(0)).toMatch(/^\{stamps:0\}/);
  });

  it('tell what was built on them that a stamp hash was lost (evicted) since', async () => {
    const tags = ['evicted:a', 'evicted:b'];
    const shards = [...new Set(tags.map(stampShardOf))];
    await cacheRedis().all(stampOps(tags, Date.now() - 60_000));
    // Recorded beside a page when it is kept.
    const recorded = await shardBirths(tags);
    expect(Object.keys(recorded).sort()).toEqual([...shards].sort());
    expect((await readStampsAndBirths(tags)).births).toEqual(recorded);

    // A change, then its stamp hash evicted (cache Redis full): the stamps read as "unchanged"...
    await cacheRedis().all(stampOps(tags));
    const store = cacheRedis();
    await store.all(shards.map((shard) => store.cmd.del(shard)));
    const afterEviction = await readStampsAndBirths(tags);
    expect(afterEviction.stamps).toEqual([0, 0]);
    // ...but the births no longer match what was recorded, nor once a later change recreates it.
    expect(afterEviction.births).not.toEqual(recorded);
    await cacheRedis().all(stampOps(tags, Date.now() + 5));
    expect((await readStampsAndBirths(tags)).births).not.toEqual(recorded);
    // Pruning old stamps never removes a birth.
    for (let shard = 0; shard < STAMP_SHARDS; shard += 1)
      await pruneStampShard(shard, Date.now() + 3 * STAMP_TTL_MS);
    expect(Object.values((await readStampsAndBirths(tags)).births)).not.toContain(null);
  });

  it('are pruned by their job when asked (and every ten minutes by its schedule)', async () => {
    await cacheRedis().all(stampOps(['stale'], Date.now() - STAMP_TTL_MS - 1));
    await inngest.send(changeStampsPruneRequested.create({}));
    await localExecutor().idle();
    expect(await readStamps(['stale'])).toEqual([0]);
    const run = localExecutor().history.findLast((entry) =>
      entry.functionId.endsWith('prune-change-stamps'),
    );
    expect(run?.status).toBe('completed');
  });
});
