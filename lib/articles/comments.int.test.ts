import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { blockUser } from '@/lib/friends/block-user';
import { endFriendship } from '@/lib/friends/end-friendship';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { inngest } from '@/lib/jobs/client';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { NotificationModel } from '@/lib/notifications/model';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { retryWhileBusy } from '@/lib/testing/while-busy';
import { commentAnchor } from './comment-anchor';
import type { CommentThread } from './comment-tree';
import { articleKeys } from './cache';
import { dropCached } from '@/lib/cache/cache-aside';
import { listComments } from './comments';
import { commentReplied } from './events';
import { CommentModel } from './models';
import { createArticle, saveArticle } from './save-article';
import { COMMENT_LIMITS } from './schemas';
import { addComment, deleteComment } from './write-comment';

type Person = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

async function publish(author: Person, title: string) {
  const draft = await createArticle(author.viewer, { title, body: 'Words.' });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await retryWhileBusy(() =>
    saveArticle(author.viewer, draft.value.id, {}, 'publish'),
  );
  if (!published.ok) throw new Error(JSON.stringify(published));
  return published.value;
}

async function say(person: Person, articleId: string, body: string, parentId?: string) {
  const added = await retryWhileBusy(() =>
    addComment(person.viewer, articleId, { body, parentId }),
  );
  if (!added.ok) throw new Error(JSON.stringify(added));
  return added.value.id;
}

const bodies = (threads: CommentThread[]): unknown[] =>
  threads.map((thread) =>
    thread.replies.length > 0 ? [thread.comment.body, bodies(thread.replies)] : thread.comment.body,
  );

async function notificationsOf(person: Person) {
  await localExecutor().idle();
  return (await listNotifications(person.id)).map((entry) => ({
    kind: entry.kind,
    actor: entry.actor?.username,
    path: entry.article?.path,
  }));
}

describe('replies to replies', () => {
  it('nest at any depth, shown indented four levels, deeper ones beside the fourth, from one cached object', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Threads');
    const first = await say(bob, article.id, 'One');
    const second = await say(cat, article.id, 'Two', first);
    const third = await say(bob, article.id, 'Three', second);
    const fourth = await say(cat, article.id, 'Four', third);
    const fifth = await say(bob, article.id, 'Five', fourth);
    await say(cat, article.id, 'Six', fifth);
    await say(ada, article.id, 'Another', first);
    await say(ada, article.id, 'Top');
    const threads = await listComments(article.id);
    expect(bodies(threads)).toEqual([
      ['One', [['Two', [['Three', ['Four', 'Five', 'Six']]]], 'Another']],
      'Top',
    ]);
    const deepest = threads[0]?.replies[0]?.replies[0]?.replies ?? [];
    expect(deepest.map((entry) => entry.replyingTo)).toEqual([
      null,
      { commentId: fourth, username: cat.username },
      { commentId: fifth, username: bob.username },
    ]);
    // A warm view: the tree comes from the cached object alone.
    const metrics = createRequestContext('warm comments');
    await runWithRequestContext(metrics, () => listComments(article.id));
    expect(metrics.mongo.commands).toBe(0);
    // Deleting a reply deletes every reply under it, and nothing else.
    expect(await deleteComment(cat.viewer, second)).toMatchObject({ ok: true });
    expect(bodies(await listComments(article.id))).toEqual([['One', ['Another']], 'Top']);
    expect(await CommentModel.countDocuments({ articleId: article.id })).toBe(3);
  });

  it('must answer an existing comment of the same article', async () => {
    const [ada, bob, eve] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('eve')]);
    const [article, other] = await Promise.all([publish(ada, 'Here'), publish(ada, 'Elsewhere')]);
    const elsewhere = await say(bob, other.id, 'On the other article');
    const gone = await say(bob, article.id, 'Soon deleted');
    expect(await deleteComment(bob.viewer, gone)).toMatchObject({ ok: true });
    const vanished = { ok: false, fieldErrors: { parentId: 'That comment no longer exists.' } };
    for (const parentId of [elsewhere, gone, new Types.ObjectId().toString()]) {
      expect(await addComment(eve.viewer, article.id, { body: 'Hi', parentId })).toMatchObject(
        vanished,
      );
    }
    expect(
      await addComment(eve.viewer, article.id, { body: 'Hi', parentId: 'not-an-id' }),
    ).toMatchObject({ ok: false, fieldErrors: { parentId: 'Unknown comment.' } });
    expect(await CommentModel.countDocuments({ articleId: article.id })).toBe(0);
  });

  it('stop at the depth and size limits, saying why', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'Deep and long');
    const articleId = new Types.ObjectId(article.id);
    // A conversation already as deep as allowed, written straight to MongoDB (rate limits).
    const chain: Types.ObjectId[] = [];
    for (let depth = 0; depth <= COMMENT_LIMITS.maxDepth; depth += 1) {
      const id = new Types.ObjectId();
      await CommentModel.create({
        _id: id,
        articleId,
        authorId: new Types.ObjectId(ada.id),
        parentId: chain.at(-1) ?? null,
        ancestorIds: [...chain],
        body: `Level ${depth}`,
        html: `<p>Level ${depth}</p>`,
        createdAt: new Date(Date.now() + depth),
      });
      chain.push(id);
    }
    const deepest = chain.at(-1)?.toString();
    expect(
      await addComment(bob.viewer, article.id, { body: 'Deeper', parentId: deepest }),
    ).toMatchObject({ ok: false, code: 'conflict', formError: expect.stringMatching(/deep/) });
    expect(
      await addComment(bob.viewer, article.id, { body: 'Ok', parentId: chain[5]?.toString() }),
    ).toMatchObject({ ok: true });
    await CommentModel.insertMany(
      Array.from({ length: COMMENT_LIMITS.maxPerArticle }, (_, index) => ({
        articleId,
        authorId: new Types.ObjectId(ada.id),
        body: `Filler ${index}`,
        html: `<p>Filler ${index}</p>`,
        createdAt: new Date(),
      })),
    );
    expect(await addComment(bob.viewer, article.id, { body: 'One more' })).toMatchObject({
      ok: false,
      code: 'conflict',
      formError: expect.stringMatching(/closed/),
    });
  });

  it('renders Markdown once, when written; comments from before show their text', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'Formatting');
    await say(bob, article.id, '*Nice* `code` [link](https://example.com) <script>x()</script>');
    const stored = await CommentModel.findOne({ articleId: article.id }).lean();
    expect(stored?.html).toContain('<em>Nice</em> <code>code</code> <a href="https://example.com"');
    expect(stored?.html).toContain('rel="nofollow noopener ugc"');
    expect(stored?.html).not.toContain('<script');
    expect(stored?.html).toContain('&#x3C;script>x()&#x3C;/script>');
    // A plain-text comment from before comments took Markdown: no HTML stored.
    await CommentModel.create({
      articleId: new Types.ObjectId(article.id),
      authorId: new Types.ObjectId(bob.id),
      body: 'Old line one\nline <two> & more',
      createdAt: new Date(Date.now() + 1_000),
    });
    await dropCached(articleKeys.comments(article.id));
    const threads = await listComments(article.id);
    expect(threads[1]?.comment.html).toBe('<p>Old line one<br>\nline &#x3C;two> &#x26; more</p>');
  });
});

describe('reply notifications', () => {
  it('tell the person replied to, once, leading to the reply; never for a reply to yourself', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Talk');
    const path = `/u/${ada.usernameKey}/${article.slug}`;
    const byBob = await say(bob, article.id, 'Hello');
    const ownReply = await say(bob, article.id, 'And me again', byBob);
    const catReply = await say(cat, article.id, 'Hi Bob', byBob);
    const toCat = await say(bob, article.id, 'Hi Cat', catReply);
    expect(await notificationsOf(bob)).toEqual([
      { kind: 'comment-reply', actor: cat.username, path: `${path}#${commentAnchor(catReply)}` },
    ]);
    expect(await notificationsOf(cat)).toEqual([
      { kind: 'comment-reply', actor: bob.username, path: `${path}#${commentAnchor(toCat)}` },
    ]);
    // The article's author hears of every comment once, as before.
    expect((await notificationsOf(ada)).map((entry) => entry.path).sort()).toEqual(
      [byBob, ownReply, catReply, toCat].map((id) => `${path}#${commentAnchor(id)}`).sort(),
    );
    // The job run again (a retry, a replay) writes nothing more.
    const reply = await CommentModel.findById(toCat).lean();
    await inngest.send(
      commentReplied.create({
        articleId: article.id,
        articleAuthorId: ada.id,
        replierId: bob.id,
        commentId: toCat,
        parentId: catReply,
        parentAuthorId: cat.id,
        createdAt: reply?.createdAt.toISOString() ?? '',
      }),
    );
    expect(await notificationsOf(cat)).toHaveLength(1);
  });

  it('tell the article author once when the reply answers their own comment', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const article = await publish(ada, 'My own thread');
    const byAda = await say(ada, article.id, 'Welcome, all');
    const byBob = await say(bob, article.id, 'Thanks!', byAda);
    expect(await notificationsOf(ada)).toEqual([
      {
        kind: 'comment-reply',
        actor: bob.username,
        path: `/u/${ada.usernameKey}/${article.slug}#${commentAnchor(byBob)}`,
      },
    ]);
    // The article's author answering a reader tells the reader (their own comment notification
    // is not sent: they wrote the reply).
    await say(ada, article.id, 'You are welcome', byBob);
    expect((await notificationsOf(bob)).map((entry) => entry.kind)).toEqual(['comment-reply']);
    expect(await notificationsOf(ada)).toHaveLength(1);
  });

  it('are not sent between people in a block, and not for a reply that does not exist', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    const article = await publish(ada, 'Blocked talk');
    const byBob = await say(bob, article.id, 'Hello');
    await blockUser(bob.id, cat.id);
    const catReply = await say(cat, article.id, 'Hi Bob', byBob);
    expect(await notificationsOf(bob)).toEqual([]);
    await inngest.send(
      commentReplied.create({
        articleId: article.id,
        articleAuthorId: ada.id,
        replierId: ada.id,
        commentId: catReply,
        parentId: byBob,
        parentAuthorId: bob.id,
        createdAt: new Date().toISOString(),
      }),
    );
    await localExecutor().idle();
    expect(await NotificationModel.countDocuments({ userId: new Types.ObjectId(bob.id) })).toBe(0);
  });

  it('never tell the title of an article the person replied to may no longer read', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    for (const friend of [bob, cat]) {
      await sendFriendRequest(ada.id, friend.id);
      await acceptFriendRequest(friend.id, ada.id);
    }
    const draft = await createArticle(ada.viewer, {
      title: 'Surprise party for Bob',
      body: 'Plans.',
      visibility: 'friends',
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const published = await retryWhileBusy(() =>
      saveArticle(ada.viewer, draft.value.id, {}, 'publish'),
    );
    if (!published.ok) throw new Error(JSON.stringify(published));
    const articleId = published.value.id;
    const byBob = await say(bob, articleId, 'Count me in');
    // Bob is no longer Ada's friend: her friends-only article is not his to read, or to know of.
    await endFriendship(ada.id, bob.id, 'unfriend');
    const catReply = await say(cat, articleId, 'Bob, you are not supposed to see this', byBob);
    await localExecutor().idle();
    const entries = await listNotifications(bob.id);
    expect(JSON.stringify(entries)).not.toContain('Surprise party');
    expect(
      await NotificationModel.countDocuments({
        userId: new Types.ObjectId(bob.id),
        kind: 'comment-reply',
      }),
    ).toBe(0);
    // Nor a notification written while he could read it, once he no longer can.
    await NotificationModel.create({
      userId: new Types.ObjectId(bob.id),
      kind: 'comment-reply',
      actorId: new Types.ObjectId(cat.id),
      subjectId: new Types.ObjectId(articleId),
      key: `comment-reply:${catReply}`,
      createdAt: new Date(),
    });
    expect(JSON.stringify(await listNotifications(bob.id))).not.toContain('Surprise party');
  });
});
