import type { APIRequestContext } from '@playwright/test';
import mongoose, { Types } from 'mongoose';
import { startClones, type Clones } from './support/clones';
import { expect, randomClientIp, signUpViaApi, test, type TestAccount } from './support/fixtures';

/**
 * Many people at once, through two instances: friend requests crossing each other, the same
 * draft published from both instances, likes toggled and comments posted in parallel. At the
 * end MongoDB, the cached objects the pages show and every stream agree, with no duplicates.
 */
test.describe.configure({ mode: 'serial' });

let clones: Clones | undefined;
let database: mongoose.Connection | undefined;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  clones = await startClones('concurrency');
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_concurrency`;
  database = await mongoose.createConnection(uri.toString()).asPromise();
});
test.afterAll(async () => {
  await database?.close();
  await clones?.stop();
});

interface Person {
  request: APIRequestContext;
  account: TestAccount;
}

const READERS = 10;

test('parallel friend requests, publishing, likes and comments on two instances end consistent', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  const urls = (clones?.instances ?? []).map((instance) => instance.url);
  const db = database as mongoose.Connection;
  // Each person talks to one instance; people alternate between the two.
  const person = async (index: number): Promise<Person> => {
    const url = urls[index % 2] as string;
    const request = await playwright.request.newContext({
      baseURL: url,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: url },
    });
    return { request, account: await signUpViaApi(request, url) };
  };
  const author = await person(0);
  const readers = await Promise.all(
    Array.from({ length: READERS }, (_, index) => person(index + 1)),
  );
  const authorOnOther = await playwright.request.newContext({
    baseURL: urls[1],
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: urls[1] as string },
    storageState: await author.request.storageState(),
  });
  const ok = async (response: Promise<import('@playwright/test').APIResponse>) => {
    const answer = await response;
    expect(answer.status(), await answer.text()).toBeLessThan(300);
    return answer;
  };
  const authorId = (
    await db.collection('users').findOne({ usernameKey: author.account.username.toLowerCase() })
  )?._id as Types.ObjectId;

  await test.step('friend requests cross each other and are accepted from both instances', async () => {
    await Promise.all([
      ...readers.map((reader) =>
        ok(
          reader.request.post('/api/relationships', {
            data: { username: author.account.username, action: 'request' },
          }),
        ),
      ),
      // Half of them are asked by the author at the same moment.
      ...readers.slice(0, READERS / 2).map((reader, index) =>
        ok(
          (index % 2 ? authorOnOther : author.request).post('/api/relationships', {
            data: { username: reader.account.username, action: 'request' },
          }),
        ),
      ),
    ]);
    // Whatever is still pending is accepted, from both instances at once, some twice.
    await Promise.all(
      readers.flatMap((reader) =>
        [author.request, authorOnOther].map((request) =>
          request.post('/api/relationships', {
            data: { username: reader.account.username, action: 'accept' },
          }),
        ),
      ),
    );
    const friendships = await db.collection('friendships').find({ users: authorId }).toArray();
    expect(friendships).toHaveLength(READERS);
    expect(friendships.every((row) => row.status === 'accepted')).toBe(true);
    const friendsPage = await (await author.request.get('/friends')).text();
    for (const reader of readers)
      expect(friendsPage).toContain(`/u/${reader.account.username.toLowerCase()}`);
  });

  const drafts = await Promise.all(
    ['First', 'Second', 'Third'].map(async (title) => {
      const response = await ok(
        author.request.post('/api/articles', {
          data: { title: `${title} of many ${Date.now()}`, body: `The ${title.toLowerCase()}.` },
        }),
      );
      return { ...((await response.json()) as { id: string }), title: `${title} of many` };
    }),
  );

  await test.step('three articles published at once, one of them from both instances', async () => {
    const attempts = await Promise.all([
      ...drafts.map((draft) =>
        author.request.post(`/api/articles/${draft.id}/publish`, { data: {} }),
      ),
      authorOnOther.post(`/api/articles/${drafts[0]?.id}/publish`, { data: {} }),
    ]);
    expect(attempts.filter((attempt) => attempt.ok()).length).toBeGreaterThanOrEqual(3);
    expect(await db.collection('articles').countDocuments({ authorId, status: 'published' })).toBe(
      3,
    );
    // Each reader's stream gets each article once, once the fan-out jobs are done.
    await expect
      .poll(
        async () =>
          db.collection('activities').countDocuments({ actorId: authorId, verb: 'published' }),
        { timeout: 20_000 },
      )
      .toBe(3);
    for (const reader of readers) {
      await expect
        .poll(
          async () => {
            const html = await (await reader.request.get('/')).text();
            const stream = /aria-label="Your stream"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
            return drafts.map((draft) => stream.split(draft.title).length - 1);
          },
          { timeout: 20_000 },
        )
        .toEqual([1, 1, 1]);
    }
  });

  const article = drafts[0] as { id: string; title: string };
  await test.step('likes toggled and comments posted by everyone at once', async () => {
    await Promise.all(
      readers.map(async (reader, index) => {
        const like = (liked: boolean) =>
          ok(reader.request.put(`/api/articles/${article.id}/like`, { data: { liked } }));
        // Some change their mind twice, as fast as they can; all end up liking it.
        if (index % 2) await Promise.all([like(true), like(false)]);
        await like(true);
        await Promise.all(
          [1, 2].map((n) =>
            ok(
              reader.request.post(`/api/articles/${article.id}/comments`, {
                data: { body: `Comment ${n} from reader ${index}.` },
              }),
            ),
          ),
        );
      }),
    );
    const articleId = new Types.ObjectId(article.id);
    expect(await db.collection('likes').countDocuments({ articleId })).toBe(READERS);
    expect(await db.collection('comments').countDocuments({ articleId })).toBe(READERS * 2);
    // The pages (cached objects, on either instance) show the same numbers.
    const path = `/u/${author.account.username.toLowerCase()}/${
      (await db.collection('articles').findOne({ _id: articleId }))?.slug as string
    }`;
    for (const reader of readers.slice(0, 2)) {
      const html = await (await reader.request.get(path)).text();
      expect(html).toContain(`${READERS} likes`);
      // React may mark the heading's text nodes apart (`<!-- -->`): the count is what matters.
      expect(html).toMatch(
        new RegExp(`Comments(<!-- -->)? <span[^>]*>\\(<!-- -->${READERS * 2}<!-- -->\\)`),
      );
    }
    // And the counters the flush job writes to MongoDB (every minute) catch up.
    await expect
      .poll(
        async () => {
          const row = await db.collection('articles').findOne({ _id: articleId });
          return [row?.likeCount, row?.commentCount];
        },
        { timeout: 75_000, intervals: [1_000] },
      )
      .toEqual([READERS, READERS * 2]);
  });

  await Promise.all([author, ...readers].map(({ request }) => request.dispose()));
  await authorOnOther.dispose();
});
