import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { OutboxEventModel } from '@/lib/jobs/outbox-model';
import { searchSql } from '@/lib/search/engine';
import { keyList, searchKey } from '@/lib/search/keys';
import { publishAs } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { runSearchRebuild } from './search-rebuild';

setUpTestStores();

const settle = () => localExecutor().idle();

describe('npm run search:rebuild', () => {
  it('rebuilds the index in this process with --here', async () => {
    const author = await makeUser('cli');
    const article = await publishAs(author, `Command zq${randomBytes(5).toString('hex')}`, settle);
    const key = keyList([searchKey(article.id)]);
    await searchSql(`DELETE FROM articles WHERE id = ${key}`);
    const outcome = await runSearchRebuild(['--here']);
    expect(outcome).toMatchObject({
      code: 0,
      message: expect.stringMatching(/^search index rebuilt: \d+ articles/),
    });
    const [rows = []] = await searchSql(`SELECT article_id FROM articles WHERE id = ${key}`);
    expect(rows.map((row) => row.article_id)).toEqual([article.id]);
  });

  it('otherwise asks the instances: the rebuild event waits in the outbox, due now', async () => {
    const before = new Date();
    expect(await runSearchRebuild([])).toMatchObject({ code: 0 });
    const recorded = await OutboxEventModel.find({ name: 'search/rebuild.requested' }).lean();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.status).toBe('pending');
    expect(recorded[0]?.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(recorded[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it('says how to use it when asked wrongly', async () => {
    expect(await runSearchRebuild(['--everything'])).toEqual({
      code: 1,
      message: 'usage: npm run search:rebuild [-- --here]',
    });
  });
});
