import sharp from 'sharp';
import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/accounts/create-account';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { unfinishedDeletionsSweepRequested } from '@/lib/accounts/events';
import { readStream } from '@/lib/activity/read-stream';
import { applyCounterBatch, takeCounterBatch } from '@/lib/articles/counters';
import { addArticleImage } from '@/lib/articles/article-images';
import { setCover } from '@/lib/articles/cover';
import { getArticlePage } from '@/lib/articles/get-article-page';
import { getLikeState, setLike } from '@/lib/articles/likes';
import { saveArticleForLater } from '@/lib/reading-list/save-article';
import { isSaved } from '@/lib/reading-list/cache';
import { listComments } from '@/lib/articles/comments';
import { listRecentArticles, listTagArticles } from '@/lib/articles/list-articles';
import { ArticleModel } from '@/lib/articles/models';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { addComment } from '@/lib/articles/write-comment';
import { resolveOAuthUser } from '@/lib/auth/oauth-account';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { blockUser } from '@/lib/friends/block-user';
import { muteUser } from '@/lib/mutes/mute-user';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { setLocalDispatch } from '@/lib/jobs/client';
import { RELAY_GRACE_MS } from '@/lib/jobs/outbox';
import { OutboxEventModel } from '@/lib/jobs/outbox-model';
import { relayOutbox } from '@/lib/jobs/outbox-relay';
import { recordAndSend } from '@/lib/jobs/outbox';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { setAvatar } from '@/lib/profiles/avatar';
import { createSession, readSession } from '@/lib/sessions/session-store';
import { setUpTestStores } from '@/lib/testing/stores';
import { tracesOf } from '@/lib/testing/traces';
import { makeUser } from '@/lib/testing/users';
import { getUserById, getUserByUsername } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';
import { localExecutor } from './runtime';
import { requestDataExport } from '@/lib/data-export/request-export';
import { turnOnTwoStep } from '@/lib/passkeys/turn-on-two-step';
import { holdUsername } from '@/lib/users/username-holds';

setUpTestStores();
afterEach(() => setLocalDispatch(undefined));

const PASSWORD = 'ink-and-quill-2026';
/** The job runner's own bookkeeping (event ids claimed for 24 h), not the person's data. */
/*
 * Not the person's data on Inkwell: the job runner's own records, and mail already delivered
 * (the demo mailbox stands in for the person's inbox, as an SMTP server would).
 */
const NOT_THEIR_DATA = /^(jobs:|\{mailbox:)/;
const client = { userAgent: 'vitest', ip: '203.0.113.9' };

type Person = Awaited<ReturnType<typeof makeUser>>;

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();

async function published(person: Person, title: string, tags: string[] = []) {
  const draft = await createArticle(person.viewer, { title, body: `About ${title}.`, tags });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const out = await saveArticle(person.viewer, draft.value.id, {}, 'publish');
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out.value;
}

async function befriend(a: Person, b: Person) {
  expect((await sendFriendRequest(a.id, b.id)).ok).toBe(true);
  expect((await acceptFriendRequest(b.id, a.id)).ok).toBe(true);
}

async function flushCounters() {
  await applyCounterBatch(await takeCounterBatch(500));
}

/** A life on Inkwell: writing, friends, a block, comments and likes both ways, images. */
async function livedIn() {
  const [ada, bob, cat, dan, eve] = await Promise.all(
    ['ada', 'bob', 'cat', 'dan', 'eve'].map((name) => makeUser(name)),
  );
  if (!ada || !bob || !cat || !dan || !eve) throw new Error('no people');
  await befriend(ada, bob);
  await befriend(cat, ada);
  await befriend(bob, cat);
  expect((await sendFriendRequest(ada.id, eve.id)).ok).toBe(true);
  expect((await blockUser(ada.id, dan.id)).ok).toBe(true);
  // Mutes both ways: Ada's own, and Eve's of Ada (with Eve's cached set naming her).
  expect((await muteUser(ada.id, eve.id)).ok && (await muteUser(eve.id, ada.id)).ok).toBe(true);
  expect((await setAvatar(ada.viewer, await image(300, 300))).ok).toBe(true);
  const adas = await published(ada, 'Letters from the coast', ['coast']);
  const adasOther = await published(ada, 'Tides and times', ['coast', 'sea']);
  // An update keeps the earlier version ("History"): the deletion must remove it too.
  expect(
    (await saveArticle(ada.viewer, adasOther.id, { body: 'Tides, revised.' }, 'save')).ok,
  ).toBe(true);
  expect((await setCover(ada.viewer, adasOther.id, await image(800, 400))).ok).toBe(true);
  const draft = await createArticle(ada.viewer, { title: 'Not yet', body: 'Unfinished.' });
  if (!draft.ok) throw new Error('no draft');
  // Images inside articles: one in a published article, one in a draft.
  expect((await addArticleImage(ada.viewer, adas.id, await image(1200, 900))).ok).toBe(true);
  expect((await addArticleImage(ada.viewer, draft.value.id, await image(300, 200))).ok).toBe(true);
  const bobs = await published(bob, 'Mountain notes', ['coast']);
  // Ada on Bob's article: a comment, a reply, a like; Cat replies to Ada and likes it too.
  const comment = await addComment(ada.viewer, bobs.id, { body: 'Lovely, Bob.' });
  if (!comment.ok) throw new Error('no comment');
  const catsReply = await addComment(cat.viewer, bobs.id, {
    body: 'Agreed, Ada!',
    parentId: comment.value.id,
  });
  const bobsComment = await addComment(bob.viewer, bobs.id, { body: 'Thanks all.' });
  expect(catsReply.ok && bobsComment.ok).toBe(true);
  expect((await setLike(ada.viewer, bobs.id, true)).ok).toBe(true);
  expect((await setLike(cat.viewer, bobs.id, true)).ok).toBe(true);
  // Bob on Ada's article.
  expect((await addComment(bob.viewer, adas.id, { body: 'Great read.' })).ok).toBe(true);
  expect((await setLike(bob.viewer, adas.id, true)).ok).toBe(true);
  // Reading lists: Ada saved Bob's article, Bob saved Ada's.
  expect((await saveArticleForLater(ada.viewer, bobs.id)).ok).toBe(true);
  expect((await saveArticleForLater(bob.viewer, adas.id)).ok).toBe(true);
  await localExecutor().idle();
  await flushCounters();
  const session = await createSession(ada.id, client);
  return { ada, bob, cat, dan, eve, adas, adasOther, draftId: draft.value.id, bobs, session };
}

const streamText = async (userId: string) => JSON.stringify((await readStream(userId, 100)).items);

describe('deleting an account', () => {
  it('makes it unusable at once, removes everything of it through the outbox, and frees its name', async () => {
    const life = await livedIn();
    const { ada, bob, cat, adas, adasOther, bobs } = life;
    const needles = [ada.id, adas.id, adasOther.id, life.draftId, ada.usernameKey];
    // Everything Ada touched, as pages read it (so the caches hold it too).
    expect(await streamText(bob.id)).toContain(ada.id);
    expect(await streamText(cat.id)).toContain(ada.id);
    expect((await listTagArticles('coast')).cards.map((card) => card.article.id)).toContain(
      adas.id,
    );
    expect(JSON.stringify(await listComments(bobs.id))).toContain('Lovely, Bob.');
    expect((await getLikeState(bobs.id, null)).count).toBe(2);
    expect((await getUserById(bob.id))?.friendCount).toBe(2);
    expect((await listNotifications(bob.id)).length).toBeGreaterThan(0);
    // Her identity records: two-step sign-in with recovery codes, a data export, a name given up.
    expect((await turnOnTwoStep(ada.viewer)).ok).toBe(true);
    expect((await requestDataExport(ada.viewer)).ok).toBe(true);
    await localExecutor().idle();
    await holdUsername(`${ada.usernameKey}_was`, ada.id, new Date());
    const before = await tracesOf(needles, { ignoreKeys: NOT_THEIR_DATA });
    for (const collection of ['two_step', 'recovery_codes', 'data_exports', 'username_holds'])
      expect(before.documents[collection], collection).toBeGreaterThan(0);
    for (const collection of [
      'users',
      'articles',
      'comments',
      'likes',
      'friendships',
      'blocks',
      'mutes',
    ])
      expect(before.documents[collection], collection).toBeGreaterThan(0);
    for (const collection of [
      'activities',
      'notifications',
      'media.files',
      'articleslugs',
      'articlerevisions',
      'savedarticles',
    ])
      expect(before.documents[collection], collection).toBeGreaterThan(0);
    // Avatar (3), cover (2) and the images inside her articles (3 + 1 renditions).
    expect(before.documents['media.files']).toBeGreaterThanOrEqual(9);
    expect(before.redisKeys.length).toBeGreaterThan(5);

    // The job runner is down: the deletion still takes effect for everyone at once.
    setLocalDispatch(() => Promise.reject(new Error('job runner unavailable')));
    const wrong = await deleteAccount(ada.viewer, { password: 'not-my-password' });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await getUserById(ada.id)).not.toBeNull();
    // No id is taken: naming someone else still deletes only the viewer.
    expect(await deleteAccount(ada.viewer, { password: PASSWORD, userId: bob.id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await getUserById(ada.id)).toBeNull();
    expect(await getUserByUsername(ada.username)).toBeNull();
    expect(await getUserById(bob.id)).not.toBeNull();
    expect(await readSession(life.session.id)).toBeNull();
    expect(await verifyCredentials(`${ada.username}@example.com`, PASSWORD)).toBeNull();
    expect(await verifyCredentials(ada.username, PASSWORD)).toBeNull();
    expect(await streamText(bob.id)).not.toContain(ada.id);
    expect(JSON.stringify((await listRecentArticles()).cards)).not.toContain(ada.id);
    expect(JSON.stringify(await listNotifications(bob.id))).not.toContain(ada.id);
    // Her comment on Bob's article, and Cat's reply to it, are hidden before the job runs.
    expect((await listComments(bobs.id)).map((thread) => thread.comment.body)).toEqual([
      'Thanks all.',
    ]);
    expect(await getArticlePage(ada.usernameKey, adas.slug, null)).toEqual({ kind: 'not-found' });
    expect(await deleteAccount(ada.viewer, { password: PASSWORD })).toMatchObject({ ok: false });
    const waiting = await OutboxEventModel.find({ name: 'account/deletion.requested' }).lean();
    expect(waiting.map((event) => event._id)).toEqual([`account-deletion:${ada.id}`]);

    // Back up: the relay sends the event, the job removes everything.
    setLocalDispatch(undefined);
    await relayOutbox(new Date(Date.now() + RELAY_GRACE_MS + 1_000));
    await localExecutor().idle();
    const run = localExecutor().history.find((entry) =>
      entry.functionId.endsWith('delete-account'),
    );
    expect(run?.status).toBe('completed');
    const after = await tracesOf(needles, { ignoreKeys: NOT_THEIR_DATA });
    expect(after).toEqual({ documents: {}, redisKeys: [] });

    // Friends' counts, streams and articles are corrected.
    await flushCounters();
    expect((await getUserById(bob.id))?.friendCount).toBe(1);
    expect((await getUserById(cat.id))?.friendCount).toBe(1);
    expect(await streamText(bob.id)).not.toContain(ada.id);
    expect(await streamText(cat.id)).not.toContain(ada.id);
    expect((await getLikeState(bobs.id, null)).count).toBe(1);
    expect(await isSaved(bob.id, adas.id)).toBe(false);
    const threads = await listComments(bobs.id);
    expect(threads.map((thread) => thread.comment.body)).toEqual(['Thanks all.']);
    const bobsArticle = await ArticleModel.findById(bobs.id).lean();
    expect(bobsArticle).toMatchObject({ likeCount: 1, commentCount: 1 });
    expect(JSON.stringify(await listNotifications(bob.id))).not.toContain(ada.id);
    expect((await listTagArticles('coast')).cards.map((card) => card.article.id)).toEqual([
      bobs.id,
    ]);

    // The username and the e-mail address are free again.
    const again = await createAccount({
      email: `${ada.username}@example.com`,
      username: ada.username,
      password: PASSWORD,
    });
    expect(again.ok).toBe(true);
  }, 120_000);

  it('asks a GitHub account for a fresh sign-in, and refuses its GitHub sign-in once deleted', async () => {
    const now = Date.now();
    const github = {
      provider: 'github',
      providerAccountId: `gh-${now}`,
      email: `octo_${now}@example.com`,
      emailVerified: true,
      preferredUsername: `octo_${now}`.slice(0, 20),
    };
    const userId = await resolveOAuthUser(github);
    if (!userId) throw new Error('no GitHub account');
    const publicUser = await getUserById(userId);
    if (!publicUser) throw new Error('no user');
    const stale = await createSession(userId, client, now - 11 * 60 * 1000);
    const refused = await deleteAccount({ user: publicUser, sessionId: stale.id }, {});
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await getUserById(userId)).not.toBeNull();

    setLocalDispatch(() => Promise.reject(new Error('job runner unavailable')));
    const fresh = await createSession(userId, client);
    expect(await deleteAccount({ user: publicUser, sessionId: fresh.id }, {})).toMatchObject({
      ok: true,
    });
    // Being deleted: neither the GitHub link nor the verified address lets anyone in.
    expect(await resolveOAuthUser(github)).toBeNull();
    expect(await resolveOAuthUser({ ...github, providerAccountId: 'another' })).toBeNull();
    setLocalDispatch(undefined);
    await relayOutbox(new Date(Date.now() + RELAY_GRACE_MS + 1_000));
    await localExecutor().idle();
    expect(await UserModel.countDocuments({ _id: userId })).toBe(0);
    // Gone: the same GitHub account signs up afresh.
    const afresh = await resolveOAuthUser(github);
    expect(afresh).not.toBeNull();
    expect(afresh).not.toBe(userId);
  });

  it('resumes a deletion whose event was lost, once it is half an hour old', async () => {
    const [lost, recent] = await Promise.all([makeUser('lost'), makeUser('recent')]);
    // Marked, but the process died before the event reached the outbox.
    await UserModel.updateOne(
      { _id: lost.id },
      { $set: { deletedAt: new Date(Date.now() - 31 * 60_000) } },
    );
    await UserModel.updateOne({ _id: recent.id }, { $set: { deletedAt: new Date() } });
    await recordAndSend(unfinishedDeletionsSweepRequested.create({}));
    await localExecutor().idle();
    expect(await UserModel.countDocuments({ _id: lost.id })).toBe(0);
    // One still within its first half hour is left to the run its own event started.
    expect(await UserModel.countDocuments({ _id: recent.id })).toBe(1);
  });

  it('limits password attempts per account', async () => {
    const person = await makeUser('guess');
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect(await deleteAccount(person.viewer, { password: `guess-${attempt}` })).toMatchObject({
        code: 'invalid',
      });
    expect(await deleteAccount(person.viewer, { password: PASSWORD })).toMatchObject({
      code: 'rate-limited',
    });
    expect(await getUserById(person.id)).not.toBeNull();
    expect(Types.ObjectId.isValid(person.id)).toBe(true);
  });
});
