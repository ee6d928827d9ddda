import { describe, expect, it } from 'vitest';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { UserModel } from '@/lib/users/user-model';
import { SUSPENDED_AUTHOR_MESSAGE } from './author-may-publish';
import { ArticleModel } from './models';
import { createArticle, publishOnSchedule } from './save-article';

setUpTestStores();

describe('a scheduled publication of an account being deleted', () => {
  it('does not happen: the article stays a draft for the deletion to remove', async () => {
    const author = await makeUser('sched_del');
    const draft = await createArticle(author.viewer, { title: 'Later', body: 'Never read.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const publishAt = new Date(Date.now() + 60_000);
    await ArticleModel.updateOne({ _id: draft.value.id }, { $set: { scheduledFor: publishAt } });
    // "Delete account": marked at once; the deletion job removes the articles later.
    await UserModel.updateOne({ _id: author.id }, { $set: { deletedAt: new Date() } });
    const outcome = await publishOnSchedule(draft.value.id, publishAt.toISOString());
    expect(outcome).toMatchObject({ ok: false, code: 'gone' });
    expect(await ArticleModel.findById(draft.value.id, { status: 1 }).lean()).toMatchObject({
      status: 'draft',
    });
  });
});

describe('a scheduled publication of a suspended author', () => {
  it('does not happen: the article stays a draft, as a hidden one does', async () => {
    const author = await makeUser('sched_sus');
    const draft = await createArticle(author.viewer, { title: 'Later', body: 'Not yet.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const publishAt = new Date(Date.now() + 60_000);
    await ArticleModel.updateOne({ _id: draft.value.id }, { $set: { scheduledFor: publishAt } });
    // What "Suspend" writes (lib/moderation/suspend-user.ts).
    const until = new Date(Date.now() + 86_400_000);
    await UserModel.updateOne({ _id: author.id }, { $set: { suspendedUntil: until } });
    expect(await publishOnSchedule(draft.value.id, publishAt.toISOString())).toEqual({
      ok: false,
      code: 'forbidden',
      formError: SUSPENDED_AUTHOR_MESSAGE,
    });
    expect(await ArticleModel.findById(draft.value.id, { status: 1 }).lean()).toMatchObject({
      status: 'draft',
    });
    // The refusal is the suspension’s alone: without it, the same call publishes.
    await UserModel.updateOne({ _id: author.id }, { $set: { suspendedUntil: null } });
    expect(await publishOnSchedule(draft.value.id, publishAt.toISOString())).toMatchObject({
      ok: true,
    });
  });
});
