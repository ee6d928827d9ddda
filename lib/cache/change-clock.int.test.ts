import { describe, expect, it } from 'vitest';
import {
  createRequestMetrics,
  runWithRequestMetrics,
  type RequestMetrics,
} from '@/lib/observability/request-metrics';
import { redis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { dropCached, readThrough } from './cache-aside';
import { readStamps, tagOf } from './change-clock';
import { VersionedIndexCache } from './versioned-index';
import { VersionedSetCache } from './versioned-set';

setUpTestStores();

function capturing(): RequestMetrics {
  const metrics = createRequestMetrics('test');
  metrics.pageCapture = { dependencies: new Set(), countViewOf: null, refused: null };
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
    await runWithRequestMetrics(metrics, async () => {
      await readThrough({ kind: 'user', key: 'clock:object', ttlSeconds: 60, load: async () => 1 });
      await set.get('owner');
      await index.page('owner', 5);
    });
    expect([...(metrics.pageCapture?.dependencies ?? [])].sort()).toEqual([
      'clock-index:owner',
      'clock-set:owner',
      'clock:object',
    ]);
    const plain = createRequestMetrics('plain');
    await runWithRequestMetrics(plain, () => set.get('owner'));
    expect(plain.pageCapture).toBeUndefined();
  });

  it('stamps an object when it changes, after the change, whichever way it changes', async () => {
    const before = Date.now();
    expect(await readStamps(['clock:object', 'clock-set:owner', 'clock-index:owner'])).toEqual([
      0, 0, 0,
    ]);
    await dropCached('clock:object');
    await redis().all([
      set.changeOp('owner', 'add', ['b']),
      index.changeOp('owner', 'add', 'x', 5),
    ]);
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
});
