import { describe, expect, it } from 'vitest';
import { cacheRedis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { dropCached, readThrough, readThroughMany } from './cache-aside';

setUpTestStores();

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('cached objects are versioned: a slow rebuild never overwrites a newer change', () => {
  it('a rebuild that read the data before a change does not store it (readThrough)', async () => {
    const key = `aside:${Date.now()}`;
    let source = 'published';
    const loaded = gate();
    const release = gate();
    const slow = readThrough<string>({
      kind: 'article',
      key,
      ttlSeconds: 60,
      load: async () => {
        const seen = source;
        loaded.open();
        await release.opened;
        return seen;
      },
    });
    await loaded.opened;
    // The article is unpublished while the slow rebuild still holds what it read.
    source = 'unpublished';
    await dropCached(key);
    release.open();
    expect(await slow).toBe('published');
    // The next reader does not get the old object back from the cache.
    const next = await readThrough<string>({
      kind: 'article',
      key,
      ttlSeconds: 60,
      load: async () => source,
    });
    expect(next).toBe('unpublished');
    expect(await cacheRedis().one(cacheRedis().cmd.get(key))).toBe(JSON.stringify('unpublished'));
  });

  it('a write-through after the read wins over the rebuild too', async () => {
    const key = `aside-write:${Date.now()}`;
    const loaded = gate();
    const release = gate();
    const slow = readThrough<string>({
      kind: 'user',
      key,
      ttlSeconds: 60,
      load: async () => {
        loaded.open();
        await release.opened;
        return 'old name';
      },
    });
    await loaded.opened;
    await cacheRedis().one(
      cacheRedis().cmd.set(key, JSON.stringify('new name'), { ttlSeconds: 60 }),
    );
    release.open();
    await slow;
    expect(await cacheRedis().one(cacheRedis().cmd.get(key))).toBe(JSON.stringify('new name'));
  });

  it('batch reads follow the same rule (readThroughMany)', async () => {
    const prefix = `aside-many:${Date.now()}`;
    const key = (id: string) => `${prefix}:${id}`;
    const loaded = gate();
    const release = gate();
    const slow = readThroughMany<string>({
      kind: 'user',
      ids: ['a', 'b'],
      key,
      ttlSeconds: 60,
      loadMany: async (ids) => {
        loaded.open();
        await release.opened;
        return new Map(ids.map((id) => [id, `old ${id}`] as const));
      },
    });
    await loaded.opened;
    await dropCached(key('a'));
    release.open();
    expect([...(await slow).entries()]).toEqual([
      ['a', 'old a'],
      ['b', 'old b'],
    ]);
    // 'b' did not change and is cached; 'a' changed during the read and is not.
    expect(await cacheRedis().one(cacheRedis().cmd.get(key('b')))).toBe(JSON.stringify('old b'));
    const again = await readThroughMany<string>({
      kind: 'user',
      ids: ['a', 'b'],
      key,
      ttlSeconds: 60,
      loadMany: async (ids) => new Map(ids.map((id) => [id, `new ${id}`] as const)),
    });
    expect(again.get('a')).toBe('new a');
    expect(again.get('b')).toBe('old b');
  });

  it('remembers that something does not exist, and forgets it on a change', async () => {
    const key = `aside-missing:${Date.now()}`;
    let exists = false;
    const read = () =>
      readThrough<string>({
        kind: 'article',
        key,
        ttlSeconds: 60,
        missingTtlSeconds: 60,
        load: async () => (exists ? 'here' : null),
      });
    expect(await read()).toBeNull();
    exists = true;
    expect(await read()).toBeNull();
    await dropCached(key);
    expect(await read()).toBe('here');
  });
});
