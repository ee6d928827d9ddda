import { describe, expect, it } from 'vitest';
import { cacheRedis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { BYTES_PER_KIND, pageBudgetKey, storeWithinBudget } from './page-cache';

setUpTestStores();

describe('the page cache is bounded per kind of page', () => {
  it('stores pages until the kind has spent its bytes for this page lifetime, then none', async () => {
    const store = cacheRedis();
    const slot = (path: string) => ({
      key: `page:test:anonymous:${path}`,
      kind: 'profile' as const,
      viewer: null,
    });
    await storeWithinBudget(slot('/u/first'), 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/first').key))).toBe(true);
    // Spend the rest of the budget, as a flood of pages would.
    await store.one(store.cmd.incrBy(pageBudgetKey('profile'), BYTES_PER_KIND.profile - 1_000));
    await storeWithinBudget(slot('/u/second'), 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/second').key))).toBe(false);
    // Another kind keeps its own budget.
    await storeWithinBudget({ ...slot('/u/x/article'), kind: 'article' }, 'x'.repeat(1_000));
    expect(await store.one(store.cmd.exists(slot('/u/x/article').key))).toBe(true);
  });
});
