import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import mongoose, { Types } from 'mongoose';
import { readMailbox } from '../scripts/lib/mailbox';
import { randomSigningKey } from '../scripts/lib/signing-key';
import { SIGNATURE_HEADER, signedBody } from '../lib/jobs/signing';
import { expect, newPerson, test, type Person } from './support/fixtures';

/**
 * /api/inngest on a production instance, as an attacker who can reach it sees it: without this
 * deployment's signing key no call runs a job, and even a validly signed call with a forged event
 * changes nothing the jobs can check (no mail the app did not write, no retraction of a
 * published article).
 */
test.describe.configure({ mode: 'serial' });

let database: mongoose.Connection | undefined;
test.beforeAll(async () => {
  // The e2e instance's database (see support/global-setup.ts).
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  database = await mongoose.createConnection(uri.toString()).asPromise();
});
test.afterAll(async () => {
  await database?.close();
});

/** The body Inngest POSTs to run a function from its first step. */
function runBody(name: string, data: Record<string, unknown>) {
  const event = { id: `forged-${randomUUID()}`, name, data, ts: Date.now() };
  return {
    event,
    events: [event],
    steps: {},
    ctx: {
      run_id: randomUUID(),
      attempt: 0,
      max_attempts: 1,
      disable_immediate_execution: false,
      stack: { stack: [], current: -1 },
    },
    version: 2,
  };
}

function callJob(request: APIRequestContext, fnId: string, text: string, signature?: string) {
  return request.post(`/api/inngest?fnId=inkwell-${fnId}&stepId=step`, {
    data: text,
    headers: {
      'content-type': 'application/json',
      ...(signature ? { [SIGNATURE_HEADER]: signature } : {}),
    },
  });
}

/** This run's key: the app servers the tests start all get it (scripts/lib/signing-key.ts). */
const deploymentKey = () => process.env.INNGEST_SIGNING_KEY as string;

async function noMailFor(baseURL: string, address: string) {
  // The job would have run within milliseconds; give it ample time to prove it did not.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await readMailbox(baseURL, address)).toEqual([]);
}

test('an unsigned call runs no job: a forged mail event gets 401 and sends nothing', async ({
  request,
  baseURL,
}) => {
  const victim = `victim-${randomUUID()}@example.com`;
  const mail = runBody('mail/send', {
    to: victim,
    subject: 'Your account',
    text: 'Reset it at https://evil.example/',
  });
  const response = await callJob(request, 'send-mail', JSON.stringify(mail));
  expect(response.status()).toBe(401);
  expect(await response.text()).not.toContain(victim);
  await noMailFor(baseURL as string, victim);
});

test('a call signed with another key, tampered with, or stale gets 401; even a valid signature sends no unsealed mail', async ({
  request,
  baseURL,
}) => {
  expect(deploymentKey()).toMatch(/^signkey-/);
  const victim = `victim-${randomUUID()}@example.com`;
  const mail = runBody('mail/send', { to: victim, subject: 'Hello', text: 'Open relay?' });
  const fresh = signedBody(mail, deploymentKey());
  const other = signedBody(
    runBody('mail/send', { to: 'x@example.com', subject: 'x', text: 'x' }),
    deploymentKey(),
  );
  const attempts = {
    'another key': signedBody(mail, randomSigningKey()).signature,
    'another body': other.signature,
    'ten minutes old': signedBody(mail, deploymentKey(), Date.now() - 10 * 60_000).signature,
    'ten minutes ahead': signedBody(mail, deploymentKey(), Date.now() + 10 * 60_000).signature,
  };
  for (const [attempt, signature] of Object.entries(attempts)) {
    const response = await callJob(request, 'send-mail', fresh.text, signature);
    expect(response.status(), attempt).toBe(401);
  }
  // Signed with the deployment's key (which only Inngest or this app has), the call runs the
  // job, and the job refuses a message the app did not write.
  const signed = await callJob(request, 'send-mail', fresh.text, fresh.signature);
  expect(signed.status()).toBe(200);
  expect(await signed.json()).toEqual({ refused: 'the message is not sealed' });
  await noMailFor(baseURL as string, victim);
});

test('an unsigned GET describes nothing and an unsigned PUT syncs nothing (401), as Inngest’s production mode', async ({
  request,
}) => {
  const described = await request.get('/api/inngest');
  expect(described.status()).toBe(401);
  const text = await described.text();
  for (const secret of ['send-mail', 'fan-out', 'function', 'signing_key', 'mode', 'inkwell'])
    expect(text).not.toContain(secret);
  const synced = await request.put('/api/inngest');
  expect(synced.status()).toBe(401);
});

test('forged notification, stream and retraction events get 401 and change nothing', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(60_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const post = (who: Person, url: string, data: unknown) =>
    who.page.request.post(url, { data, headers: { Origin: base } });
  expect(
    (
      await post(ada, '/api/relationships', { username: bob.account.username, action: 'request' })
    ).ok(),
  ).toBe(true);
  expect(
    (
      await post(bob, '/api/relationships', { username: ada.account.username, action: 'accept' })
    ).ok(),
  ).toBe(true);
  const title = `Not to be retracted ${Date.now()}`;
  const draft = (await (await post(ada, '/api/articles', { title, body: 'Staying.' })).json()) as {
    id: string;
  };
  expect((await post(ada, `/api/articles/${draft.id}/publish`, {})).ok()).toBe(true);
  const stream = bob.page.getByRole('list', { name: 'Your stream' });
  const articleInStream = async () => {
    await bob.page.goto('/');
    await expect(stream.getByRole('link', { name: title })).toBeVisible({ timeout: 500 });
  };
  await expect(articleInStream).toPass({ timeout: 5_000 });

  const db = database as mongoose.Connection;
  const idOf = async (person: Person) => {
    const user = await db
      .collection<{ _id: Types.ObjectId }>('users')
      .findOne({ usernameKey: person.account.username.toLowerCase() });
    return (user?._id as Types.ObjectId).toString();
  };
  const [adaId, bobId] = await Promise.all([idOf(ada), idOf(bob)]);
  const counts = async () => ({
    notifications: await db.collection('notifications').countDocuments({
      userId: { $in: [new Types.ObjectId(adaId), new Types.ObjectId(bobId)] },
    }),
    activities: await db
      .collection('activities')
      .countDocuments({ articleId: new Types.ObjectId(draft.id) }),
  });
  const before = await counts();
  expect(before.activities).toBe(1);

  const now = new Date().toISOString();
  const pairKey = [adaId, bobId].sort().join(':');
  const forged: [string, string, Record<string, unknown>][] = [
    [
      'notify-friend-request',
      'friendship/requested',
      { pairKey, from: adaId, to: bobId, requestedAt: now },
    ],
    [
      'stream-article-commented',
      'article/commented',
      {
        articleId: draft.id,
        authorId: adaId,
        commenterId: bobId,
        commentId: new Types.ObjectId().toString(),
        createdAt: now,
      },
    ],
    [
      'stream-article-liked',
      'article/liked',
      { articleId: draft.id, authorId: adaId, likerId: bobId, likedAt: now },
    ],
    [
      'stream-friendship-ended',
      'friendship/removed',
      { pairKey, users: [adaId, bobId].sort(), reason: 'unfriended' },
    ],
    [
      'retract-withdrawn-article',
      'article/withdrawn',
      { articleId: draft.id, authorId: adaId, reason: 'deleted' },
    ],
  ];
  for (const [fnId, name, data] of forged) {
    const response = await callJob(request, fnId, JSON.stringify(runBody(name, data)));
    expect(response.status(), fnId).toBe(401);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await counts()).toEqual(before);
  await articleInStream();

  // Validly signed, a forged retraction still retracts nothing: its first step finds the article
  // published, and the run (continued as Inngest would, with that step's result) ends there.
  const lie = runBody('article/withdrawn', {
    articleId: draft.id,
    authorId: adaId,
    reason: 'unpublished',
  });
  const first = signedBody(lie, deploymentKey());
  const checked = await callJob(request, 'retract-withdrawn-article', first.text, first.signature);
  expect(checked.status()).toBe(206);
  const [step] = (await checked.json()) as { id: string; displayName?: string; data: unknown }[];
  expect(step).toMatchObject({ displayName: 'check-article', data: false });
  const second = signedBody(
    { ...lie, steps: { [step?.id as string]: { type: 'data', data: false } } },
    deploymentKey(),
  );
  const ended = await callJob(request, 'retract-withdrawn-article', second.text, second.signature);
  expect(ended.status()).toBe(200);
  expect(await ended.json()).toEqual({
    skipped: 'the article is not withdrawn as the event says',
  });
  expect(await counts()).toEqual(before);
  await articleInStream();
  for (const someone of [ada, bob]) await someone.page.context().close();
});
