import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { syncModeratedItemToSearch } from '@/jobs/search-index';
import { publishAs } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { UserModel } from '@/lib/users/user-model';
import { searchSql } from './engine';
import { keyList, searchKey } from './keys';
import { rebuildArticlesBatch } from './rebuild';

setUpTestStores();

const settle = () => localExecutor().idle();

describe('search rebuild', () => {
  it('reads authors one _id lookup each (never $in) and leaves out those being deleted', async () => {
    const [kept, leaving] = [await makeUser('rbk'), await makeUser('rbl')];
    const term = `zq${randomBytes(5).toString('hex')}`;
    const [stays, goes] = [
      await publishAs(kept, `Stays ${term}`, settle),
      await publishAs(leaving, `Goes ${term}`, settle),
    ];
    const keys = keyList([searchKey(stays.id), searchKey(goes.id)]);
    await searchSql(`DELETE FROM articles WHERE id IN (${keys})`);
    await UserModel.updateOne({ _id: leaving.id }, { $set: { deletedAt: new Date() } });
    const find = vi.spyOn(UserModel, 'find');
    try {
      await rebuildArticlesBatch(null);
      expect(find).not.toHaveBeenCalled();
    } finally {
      find.mockRestore();
    }
    const [rows = []] = await searchSql(`SELECT article_id FROM articles WHERE id IN (${keys})`);
    expect(rows.map((row) => row.article_id)).toEqual([stays.id]);
  });

  it('syncs one moderated item at a time', () => {
    expect(syncModeratedItemToSearch.opts.concurrency).toEqual({ key: 'event.data.id', limit: 1 });
  });
});
