import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { NotificationModel } from '@/lib/notifications/model';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { ArticleModel } from './models';
import { createArticle, saveArticle } from './save-article';
import { cancelSchedule, scheduleArticle } from './schedule-article';

setUpTestStores();

type Author = Awaited<ReturnType<typeof makeUser>>;

async function draftOf(author: Author, title = 'Later', body = 'Written now, read later.') {
  const draft = await createArticle(author.viewer, { title, body });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.value;
}

/** Schedules `inMs` from now, as if asked 10 s earlier (the shortest lead is 10 s). */
function scheduleIn(author: Author, articleId: string, inMs: number) {
  const publishAt = new Date(Date.now() + inMs).toISOString();
  return scheduleArticle(author.viewer, articleId, { publishAt }, Date.now() + inMs - 10_000);
}

/** Lets the executor wake what is due (a server's recovery loop does this every few seconds). */
async function wakeAfter(ms: number) {
  await localExecutor().idle();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await localExecutor().resumeAbandonedRuns();
  await localExecutor().idle();
}

const statusOf = async (id: string) =>
  (await ArticleModel.findById(id, { status: 1, scheduledFor: 1 }).lean()) ?? null;

const notificationsOf = async (author: Author) =>
  (await NotificationModel.find({ userId: author.id }).lean()).map((row) => row.kind);

describe('scheduled publishing', () => {
  it('publishes a scheduled draft once, at its time, and tells the author', async () => {
    const ada = await makeUser('ada');
    const draft = await draftOf(ada);
    const scheduled = await scheduleIn(ada, draft.id, 3_000);
    expect(scheduled).toMatchObject({ ok: true, value: { status: 'draft' } });
    await wakeAfter(0);
    expect(await statusOf(draft.id)).toMatchObject({ status: 'draft' });
    await wakeAfter(3_000);
    expect(await statusOf(draft.id)).toMatchObject({ status: 'published', scheduledFor: null });
    expect(await notificationsOf(ada)).toEqual(['scheduled-published']);
    await wakeAfter(50);
    expect(await notificationsOf(ada)).toEqual(['scheduled-published']);
  });

  it('publishes at the new time only after a reschedule, and never after a cancel', async () => {
    const bob = await makeUser('bob');
    const [moved, cancelled] = [await draftOf(bob, 'Moved'), await draftOf(bob, 'Cancelled')];
    expect((await scheduleIn(bob, moved.id, 800)).ok).toBe(true);
    expect((await scheduleIn(bob, moved.id, 3_500)).ok).toBe(true);
    expect((await scheduleIn(bob, cancelled.id, 800)).ok).toBe(true);
    expect((await cancelSchedule(bob.viewer, cancelled.id)).ok).toBe(true);
    await wakeAfter(1_100);
    expect(await statusOf(moved.id)).toMatchObject({ status: 'draft' });
    expect(await statusOf(cancelled.id)).toMatchObject({ status: 'draft', scheduledFor: null });
    await wakeAfter(2_600);
    expect(await statusOf(moved.id)).toMatchObject({ status: 'published' });
    expect(await statusOf(cancelled.id)).toMatchObject({ status: 'draft' });
    expect(await notificationsOf(bob)).toEqual(['scheduled-published']);
  });

  it('leaves a draft published by hand meanwhile alone, and drops a schedule that fails', async () => {
    const cat = await makeUser('cat');
    const [early, emptied] = [await draftOf(cat, 'Early'), await draftOf(cat, 'Emptied')];
    expect((await scheduleIn(cat, early.id, 800)).ok).toBe(true);
    expect((await saveArticle(cat.viewer, early.id, {}, 'publish')).ok).toBe(true);
    expect((await scheduleIn(cat, emptied.id, 800)).ok).toBe(true);
    // Edited after scheduling so that it can no longer be published.
    expect((await saveArticle(cat.viewer, emptied.id, { body: '' }, 'save')).ok).toBe(true);
    await wakeAfter(1_100);
    expect(await statusOf(early.id)).toMatchObject({ status: 'published' });
    expect(await statusOf(emptied.id)).toMatchObject({ status: 'draft', scheduledFor: null });
    expect(await notificationsOf(cat)).toEqual(['scheduled-failed']);
  });

  it('refuses a time in the past or over a year ahead, someone else’s draft, and a published article', async () => {
    const [dan, eve] = await Promise.all([makeUser('dan'), makeUser('eve')]);
    const draft = await draftOf(dan);
    const at = (ms: number) => ({ publishAt: new Date(Date.now() + ms).toISOString() });
    expect(await scheduleArticle(dan.viewer, draft.id, at(-60_000))).toMatchObject({
      ok: false,
      fieldErrors: { publishAt: expect.stringContaining('future') },
    });
    expect(await scheduleArticle(dan.viewer, draft.id, at(400 * 86_400_000))).toMatchObject({
      ok: false,
      fieldErrors: { publishAt: expect.stringContaining('year') },
    });
    expect(await scheduleArticle(dan.viewer, draft.id, { publishAt: 'tomorrow' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await scheduleArticle(eve.viewer, draft.id, at(60_000))).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await cancelSchedule(eve.viewer, draft.id)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const untitled = await draftOf(dan, '');
    expect(await scheduleArticle(dan.viewer, untitled.id, at(60_000))).toMatchObject({
      ok: false,
      fieldErrors: { title: expect.any(String) },
    });
    expect((await saveArticle(dan.viewer, draft.id, {}, 'publish')).ok).toBe(true);
    expect(await scheduleArticle(dan.viewer, draft.id, at(60_000))).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });
});
