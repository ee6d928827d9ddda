import { describe, expect, it } from 'vitest';
import { durableRedis } from '@/lib/redis';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { articleKeys } from './cache';
import {
  applyCounterBatch,
  readViewHistory,
  recordView,
  recordViews,
  takeCounterBatch,
  viewDay,
  VIEW_HISTORY_DAYS,
} from './counters';
import { deleteArticle } from './delete-article';
import { getDashboard } from './desk';
import { setLike } from './likes';
import { createArticle, saveArticle } from './save-article';
import { scheduleArticle } from './schedule-article';
import { unpublishArticle } from './unpublish-article';
import { addComment } from './write-comment';

setUpTestStores();

type Author = Awaited<ReturnType<typeof makeUser>>;
const DAY = 24 * 60 * 60 * 1000;

async function draft(author: Author, title: string) {
  const created = await createArticle(author.viewer, { title, body: 'Some words.' });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value;
}

async function publish(author: Author, title: string) {
  const created = await draft(author, title);
  // A render worker starting on a busy machine answers "busy": a person would try again.
  for (let attempt = 0; ; attempt += 1) {
    const published = await saveArticle(author.viewer, created.id, {}, 'publish');
    if (published.ok) return published.value;
    if (published.code !== 'unavailable' || attempt >= 4)
      throw new Error(JSON.stringify(published));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('views per day', () => {
  it('are counted per UTC day beside the totals, in one hash per day that expires', async () => {
    const ada = await makeUser('ada');
    const article = await publish(ada, 'Counted by day');
    const now = Date.now();
    await recordView(article.id, now - 2 * DAY);
    await recordViews(new Map([[article.id, 3]]), now - DAY);
    await recordView(article.id, now);
    await recordView(article.id, now - (VIEW_HISTORY_DAYS + 5) * DAY);

    const { days, views } = await readViewHistory([article.id, 'no-such-article'], now);
    expect(days).toHaveLength(VIEW_HISTORY_DAYS);
    expect(days.at(-1)).toBe(viewDay(now));
    expect(days[0]).toBe(viewDay(now - (VIEW_HISTORY_DAYS - 1) * DAY));
    expect(views.get(article.id)?.slice(-3)).toEqual([1, 3, 1]);
    expect(views.get(article.id)?.reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(views.get('no-such-article')).toEqual(days.map(() => 0));

    // Bounded: each day's hash expires a little after it leaves the window.
    const store = durableRedis();
    const ttl = await store.one(store.cmd.ttl(articleKeys.dayViews(viewDay(now))));
    expect(ttl).toBeGreaterThan((VIEW_HISTORY_DAYS + 1) * 24 * 60 * 60);
    expect(ttl).toBeLessThanOrEqual((VIEW_HISTORY_DAYS + 2) * 24 * 60 * 60);
    // The totals the counter job writes to MongoDB count every one of them.
    const batch = await takeCounterBatch(1_000);
    expect(batch.entries.find((entry) => entry.articleId === article.id)?.views).toBe(6);
    await applyCounterBatch(batch);
  });
});

describe('the dashboard ("Your articles")', () => {
  it('lists the author’s drafts, scheduled and published articles with their counts, and no one else’s', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const empty = await getDashboard(ada.id);
    expect(empty).toMatchObject({ drafts: [], scheduled: [], published: [] });
    expect(empty.days).toHaveLength(VIEW_HISTORY_DAYS);

    const idea = await draft(ada, 'An idea');
    const later = await draft(ada, 'For later');
    const publishAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    expect((await scheduleArticle(ada.viewer, later.id, { publishAt })).ok).toBe(true);
    const out = await publish(ada, 'Out now');
    const bobs = await publish(bob, 'Bob’s own');
    await draft(bob, 'Bob’s draft');

    for (let view = 0; view < 4; view += 1) await recordView(out.id);
    await recordView(bobs.id);
    await setLike(bob.viewer, out.id, true);
    await setLike(cat.viewer, out.id, true);
    await addComment(cat.viewer, out.id, { body: 'Well said.' });

    const before = await getDashboard(ada.id);
    expect(before.drafts.map((article) => article.title)).toEqual(['An idea']);
    expect(before.scheduled).toMatchObject([
      { id: later.id, title: 'For later', scheduledFor: publishAt },
    ]);
    expect(before.published).toMatchObject([{ id: out.id, title: 'Out now', views: 4, likes: 2 }]);
    expect(before.published[0]?.dailyViews.at(-1)).toBe(4);
    expect(before.drafts[0]).toMatchObject({ id: idea.id, views: 0, likes: 0, comments: 0 });

    // Written to MongoDB by the counter job: the totals stay the same, comments counted.
    await applyCounterBatch(await takeCounterBatch(1_000));
    await recordView(out.id);
    const after = await getDashboard(ada.id);
    expect(after.published).toMatchObject([{ id: out.id, views: 5, likes: 2, comments: 1 }]);

    // Another person's dashboard never lists Ada's articles, and Ada's never lists theirs.
    const everyId = (dashboard: typeof after) =>
      [...dashboard.drafts, ...dashboard.scheduled, ...dashboard.published].map((a) => a.id);
    const bobsDashboard = await getDashboard(bob.id);
    expect(everyId(bobsDashboard)).not.toContain(out.id);
    expect(everyId(bobsDashboard)).not.toContain(idea.id);
    expect(bobsDashboard.published.map((article) => article.id)).toEqual([bobs.id]);
    expect(everyId(after)).not.toContain(bobs.id);
    expect(everyId(await getDashboard(cat.id))).toEqual([]);
    expect(everyId(await getDashboard('not-an-id'))).toEqual([]);

    // Each change shows at once: unpublished, it is a draft; deleted, it is gone.
    expect((await unpublishArticle(ada.viewer, out.id)).ok).toBe(true);
    expect((await getDashboard(ada.id)).drafts.map((article) => article.id)).toContain(out.id);
    expect((await deleteArticle(ada.viewer, idea.id)).ok).toBe(true);
    expect(everyId(await getDashboard(ada.id))).not.toContain(idea.id);
  });

  it('reads nothing from MongoDB when warm', async () => {
    const ada = await makeUser('ada');
    const article = await publish(ada, 'Warm');
    await draft(ada, 'Warm draft');
    await recordView(article.id);
    await getDashboard(ada.id);
    const metrics = createRequestContext('dashboard');
    const dashboard = await runWithRequestContext(metrics, () => getDashboard(ada.id));
    expect(dashboard.published).toHaveLength(1);
    expect(dashboard.drafts).toHaveLength(1);
    expect(metrics.mongo.commands).toBe(0);
  });
});
