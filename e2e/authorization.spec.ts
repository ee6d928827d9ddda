import { createHash } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import sharp from 'sharp';
import {
  expect,
  PASSWORD,
  randomClientIp,
  signUpViaApi,
  test,
  type TestAccount,
} from './support/fixtures';

/**
 * The authorization matrix: every write and every private read, tried as each kind of person
 * (anonymous, a stranger, a friend of the owner, someone the owner blocked, the owner), with the
 * answer each must get. Others' things are "not found" (404) rather than "forbidden" wherever
 * their existence is itself private; a blocked person may read what is public but not respond.
 */
const ACTORS = ['anonymous', 'stranger', 'friend', 'blocked', 'owner'] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  owner: TestAccount;
  publicSlug: string;
  publicId: string;
  friendsOnlySlug: string;
  friendsOnlyId: string;
  friendsOnlyTitle: string;
  draftId: string;
  toUnpublishId: string;
  toDeleteId: string;
  ownerCommentId: string;
  commentToDeleteId: string;
  ownerSecondSessionHandle: string;
  /** A comment each person wrote on the public article before the owner blocked one of them. */
  ownCommentIds: Record<Actor, string>;
}

type Expected = Record<Actor, number>;
interface Case {
  name: string;
  send: (request: APIRequestContext, world: World, actor: Actor) => Promise<APIResponse>;
  expected: Expected;
  /** For reads whose status is the same for all: what the body must (true) or must not show. */
  shows?: { text: (world: World) => string; expected: Record<Actor, boolean> };
}

const SIGNED_IN_ONLY = (ok: number): Expected => ({
  anonymous: 401,
  stranger: ok,
  friend: ok,
  blocked: ok,
  owner: ok,
});
const OWNER_ONLY = (ok: number): Expected => ({
  anonymous: 401,
  stranger: 404,
  friend: 404,
  blocked: 404,
  owner: ok,
});
const PRIVATE_PAGE: Expected = {
  anonymous: 307,
  stranger: 200,
  friend: 200,
  blocked: 200,
  owner: 200,
};
const page = (path: (world: World) => string) => (request: APIRequestContext, world: World) =>
  request.get(path(world), { maxRedirects: 0 });

const CASES: Case[] = [
  // Private reads.
  {
    name: 'read a friends-only article',
    send: page((w) => `/u/${w.owner.username.toLowerCase()}/${w.friendsOnlySlug}`),
    expected: { anonymous: 404, stranger: 404, friend: 200, blocked: 404, owner: 200 },
  },
  {
    name: 'read a public article',
    send: page((w) => `/u/${w.owner.username.toLowerCase()}/${w.publicSlug}`),
    expected: { anonymous: 200, stranger: 200, friend: 200, blocked: 200, owner: 200 },
  },
  {
    name: 'see friends-only articles listed on the profile',
    send: page((w) => `/u/${w.owner.username.toLowerCase()}`),
    expected: { anonymous: 200, stranger: 200, friend: 200, blocked: 200, owner: 200 },
    shows: {
      text: (w) => w.friendsOnlyTitle,
      expected: { anonymous: false, stranger: false, friend: true, blocked: false, owner: true },
    },
  },
  {
    name: 'open a draft in the editor',
    send: page((w) => `/write/${w.draftId}`),
    expected: { anonymous: 307, stranger: 404, friend: 404, blocked: 404, owner: 200 },
  },
  {
    name: 'open an article’s history',
    send: page((w) => `/write/${w.friendsOnlyId}/history`),
    expected: { anonymous: 307, stranger: 404, friend: 404, blocked: 404, owner: 200 },
  },
  { name: 'open the editor', send: page(() => '/write'), expected: PRIVATE_PAGE },
  { name: 'open settings', send: page(() => '/settings'), expected: PRIVATE_PAGE },
  { name: 'open notifications', send: page(() => '/notifications'), expected: PRIVATE_PAGE },
  { name: 'open friends', send: page(() => '/friends'), expected: PRIVATE_PAGE },
  { name: 'open one’s saved articles', send: page(() => '/saved'), expected: PRIVATE_PAGE },
  {
    name: 'download a data export that is not one’s own',
    send: page(() => '/settings/data-export/0123456789abcdef01234567'),
    expected: { anonymous: 303, stranger: 404, friend: 404, blocked: 404, owner: 404 },
  },

  // Responding to the owner's articles.
  {
    name: 'like a public article',
    send: (r, w) => r.put(`/api/articles/${w.publicId}/like`, { data: { liked: true } }),
    expected: { anonymous: 401, stranger: 200, friend: 200, blocked: 403, owner: 200 },
  },
  {
    name: 'like a friends-only article',
    send: (r, w) => r.put(`/api/articles/${w.friendsOnlyId}/like`, { data: { liked: true } }),
    expected: { anonymous: 401, stranger: 404, friend: 200, blocked: 404, owner: 200 },
  },
  {
    // Saving is reading, not responding; but someone in a block with the author may not.
    name: 'save a public article to one’s own list',
    send: (r, w) => r.put(`/api/articles/${w.publicId}/save`),
    expected: { anonymous: 401, stranger: 200, friend: 200, blocked: 403, owner: 200 },
  },
  {
    name: 'save a friends-only article to one’s own list',
    send: (r, w) => r.put(`/api/articles/${w.friendsOnlyId}/save`),
    expected: { anonymous: 401, stranger: 404, friend: 200, blocked: 404, owner: 200 },
  },
  {
    // Only ever one's own list: there is no way to name another person's.
    name: 'remove an article from one’s own saved list',
    send: (r, w) => r.delete(`/api/articles/${w.friendsOnlyId}/save`),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'comment on a public article',
    send: (r, w) => r.post(`/api/articles/${w.publicId}/comments`, { data: { body: 'Hello.' } }),
    expected: { anonymous: 401, stranger: 201, friend: 201, blocked: 403, owner: 201 },
  },
  {
    name: 'comment on a friends-only article',
    send: (r, w) =>
      r.post(`/api/articles/${w.friendsOnlyId}/comments`, { data: { body: 'Hello.' } }),
    expected: { anonymous: 401, stranger: 404, friend: 201, blocked: 404, owner: 201 },
  },
  {
    name: 'edit one’s own comment on the owner’s article, written before the block',
    send: (r, w, actor) =>
      r.patch(`/api/comments/${w.ownCommentIds[actor]}`, { data: { body: 'Changed.' } }),
    expected: { anonymous: 401, stranger: 200, friend: 200, blocked: 403, owner: 200 },
  },
  {
    name: 'delete one’s own comment on the owner’s article, written before the block',
    send: (r, w, actor) => r.delete(`/api/comments/${w.ownCommentIds[actor]}`),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'send the owner a friend request',
    send: (r, w) =>
      r.post('/api/relationships', { data: { username: w.owner.username, action: 'request' } }),
    expected: { anonymous: 401, stranger: 200, friend: 200, blocked: 403, owner: 422 },
  },
  {
    // Muting is the muter's own business: anyone signed in may mute anyone but themselves.
    name: 'mute the owner',
    send: (r, w) => r.post('/api/mutes', { data: { username: w.owner.username, action: 'mute' } }),
    expected: { anonymous: 401, stranger: 200, friend: 200, blocked: 200, owner: 422 },
  },
  {
    name: 'unmute the owner',
    send: (r, w) =>
      r.post('/api/mutes', { data: { username: w.owner.username, action: 'unmute' } }),
    expected: SIGNED_IN_ONLY(200),
  },

  // The owner's own things.
  {
    name: 'edit the owner’s comment',
    send: (r, w) => r.patch(`/api/comments/${w.ownerCommentId}`, { data: { body: 'Changed.' } }),
    expected: { anonymous: 401, stranger: 403, friend: 403, blocked: 403, owner: 200 },
  },
  {
    name: 'edit a draft',
    send: (r, w) =>
      r.patch(`/api/articles/${w.draftId}`, { data: { title: 'Mine now', body: 'Changed.' } }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'set a draft’s cover',
    send: async (r, w) =>
      r.post(`/api/articles/${w.draftId}/cover`, {
        multipart: {
          cover: {
            name: 'cover.png',
            mimeType: 'image/png',
            buffer: await sharp({
              create: { width: 1200, height: 600, channels: 3, background: '#336699' },
            })
              .png()
              .toBuffer(),
          },
        },
      }),
    expected: OWNER_ONLY(200),
  },
  {
    // Refused for others before anything is decoded: "not found", never "not an image".
    name: 'set a draft’s cover to something that is no image',
    send: (r, w) =>
      r.post(`/api/articles/${w.draftId}/cover`, {
        multipart: {
          cover: { name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
        },
      }),
    expected: { anonymous: 401, stranger: 404, friend: 404, blocked: 404, owner: 422 },
  },
  {
    name: 'remove a draft’s cover',
    send: (r, w) => r.delete(`/api/articles/${w.draftId}/cover`),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'add an image inside a draft',
    send: async (r, w) =>
      r.post(`/api/articles/${w.draftId}/images`, {
        multipart: {
          image: {
            name: 'inside.png',
            mimeType: 'image/png',
            buffer: await sharp({
              create: { width: 800, height: 500, channels: 3, background: '#663399' },
            })
              .png()
              .toBuffer(),
          },
        },
      }),
    expected: OWNER_ONLY(200),
  },
  {
    // As for covers: refused for others before anything is decoded.
    name: 'add something that is no image inside a draft',
    send: (r, w) =>
      r.post(`/api/articles/${w.draftId}/images`, {
        multipart: {
          image: { name: 'inside.png', mimeType: 'image/png', buffer: Buffer.from('<svg/>') },
        },
      }),
    expected: { anonymous: 401, stranger: 404, friend: 404, blocked: 404, owner: 422 },
  },
  {
    name: 'publish a draft',
    send: (r, w) => r.post(`/api/articles/${w.draftId}/publish`, { data: {} }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'restore an earlier version of an article',
    send: (r, w) => r.post(`/api/articles/${w.friendsOnlyId}/restore`, { data: { version: 2 } }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'unpublish an article',
    send: (r, w) => r.post(`/api/articles/${w.toUnpublishId}/unpublish`, { data: {} }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'delete an article',
    send: (r, w) => r.delete(`/api/articles/${w.toDeleteId}`),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'delete the owner’s comment',
    send: (r, w) => r.delete(`/api/comments/${w.commentToDeleteId}`),
    expected: { anonymous: 401, stranger: 403, friend: 403, blocked: 403, owner: 200 },
  },
  {
    name: 'end the owner’s other session',
    send: (r, w) => r.delete(`/api/sessions/${w.ownerSecondSessionHandle}`),
    expected: OWNER_ONLY(200),
  },

  // Writes that act on the writer's own account: signed in, anyone may; signed out, nobody.
  {
    name: 'create a draft',
    send: (r) => r.post('/api/articles', { data: { title: 'Draft', body: 'Text.' } }),
    expected: SIGNED_IN_ONLY(201),
  },
  {
    name: 'preview markdown',
    send: (r) => r.post('/api/articles/preview', { data: { body: '**Bold**' } }),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'edit one’s profile',
    send: (r) => r.patch('/api/profile', { data: { displayName: 'Someone', bio: '' } }),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'mark notifications read',
    send: (r) => r.post('/api/notifications/read', { data: {} }),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'turn on the cost panel',
    send: (r) => r.put('/api/settings/debug-panel', { data: { enabled: true } }),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'end one’s other sessions',
    send: (r) => r.delete('/api/sessions/others'),
    expected: SIGNED_IN_ONLY(200),
  },
  {
    name: 'ask for a copy of one’s data',
    send: (r) => r.post('/api/account/data-export', { data: {} }),
    expected: SIGNED_IN_ONLY(202),
  },
  // Community safety (issue 21): anyone signed in may report what they can see, not their own;
  // nobody but a moderator reaches the queue or any of its actions, nor anyone but an admin the
  // audit log and the naming of moderators (roles read from MongoDB on every request).
  {
    name: 'report a public article',
    send: (r, w) =>
      r.post('/api/reports', { data: { kind: 'article', id: w.publicId, reason: 'spam' } }),
    expected: { anonymous: 401, stranger: 201, friend: 201, blocked: 201, owner: 422 },
  },
  {
    name: 'report a friends-only article',
    send: (r, w) =>
      r.post('/api/reports', {
        data: { kind: 'article', id: w.friendsOnlyId, reason: 'other', note: 'Not what it says.' },
      }),
    expected: { anonymous: 401, stranger: 404, friend: 201, blocked: 404, owner: 422 },
  },
  {
    name: 'open the moderation queue',
    send: page(() => '/moderation'),
    expected: { anonymous: 307, stranger: 404, friend: 404, blocked: 404, owner: 404 },
  },
  {
    name: 'open the moderation audit log',
    send: page(() => '/moderation/audit'),
    expected: { anonymous: 307, stranger: 404, friend: 404, blocked: 404, owner: 404 },
  },
  ...(['hide', 'suspend', 'dismiss', 'restore', 'keep-hidden'] as const).map((action) => ({
    name: `${action} a reported item`,
    send: (r: APIRequestContext) =>
      r.post(`/api/moderation/cases/0123456789abcdef01234567/actions`, {
        data: { action, reason: 'Trying it as a member.', days: 7 },
      }),
    expected: SIGNED_IN_ONLY(403),
  })),
  {
    name: 'name a moderator',
    send: (r, w) =>
      r.post('/api/moderation/moderators', {
        data: { username: w.owner.username, action: 'grant', reason: 'Trying it as a member.' },
      }),
    expected: SIGNED_IN_ONLY(403),
  },
  {
    name: 'appeal a hiding that is not one’s own',
    send: (r) =>
      r.post('/api/moderation/cases/0123456789abcdef01234567/appeal', {
        data: { text: 'Please show it again, it was fine.' },
      }),
    expected: SIGNED_IN_ONLY(404),
  },
  {
    name: 'change one’s password',
    send: (r) =>
      r.post('/api/account/password', {
        data: { currentPassword: PASSWORD, newPassword: 'a-brand-new-passphrase-2026' },
      }),
    expected: SIGNED_IN_ONLY(200),
  },
];

async function json<T>(response: APIResponse): Promise<T> {
  expect(response.ok(), `${response.url()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

test('every write and private read answers each kind of person as it should', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const contextFor = () =>
    playwright.request.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: base },
    });
  const requests = Object.fromEntries(
    await Promise.all(ACTORS.map(async (actor) => [actor, await contextFor()] as const)),
  ) as Record<Actor, APIRequestContext>;
  const accounts = Object.fromEntries(
    await Promise.all(
      ACTORS.filter((actor) => actor !== 'anonymous').map(
        async (actor) => [actor, await signUpViaApi(requests[actor], base)] as const,
      ),
    ),
  ) as Record<Exclude<Actor, 'anonymous'>, TestAccount>;
  const { owner } = requests;

  const world =
    await test.step('the owner, their friend, someone they blocked and their things', async () => {
      await json(
        await owner.post('/api/relationships', {
          data: { username: accounts.friend.username, action: 'request' },
        }),
      );
      await json(
        await requests.friend.post('/api/relationships', {
          data: { username: accounts.owner.username, action: 'accept' },
        }),
      );
      const article = async (title: string, visibility: 'public' | 'friends', publish = true) => {
        const draft = await json<{ id: string; slug: string }>(
          await owner.post('/api/articles', {
            data: { title, body: `About ${title}.`, visibility },
          }),
        );
        if (!publish) return draft;
        return json<{ id: string; slug: string }>(
          await owner.post(`/api/articles/${draft.id}/publish`, { data: {} }),
        ).then((published) => ({ ...published, id: draft.id }));
      };
      const publicArticle = await article('Open to all', 'public');
      const friendsOnlyTitle = `Only for friends ${Date.now()}`;
      const friendsOnly = await article(friendsOnlyTitle, 'friends');
      // An update keeps version 2 (the publication) in the article's "History".
      await json(
        await owner.patch(`/api/articles/${friendsOnly.id}`, {
          data: { body: `About ${friendsOnlyTitle}, revised.` },
        }),
      );
      const comment = async (body: string, by: APIRequestContext = owner) =>
        json<{ id: string }>(
          await by.post(`/api/articles/${publicArticle.id}/comments`, { data: { body } }),
        );
      const commentBy = async (actor: Exclude<Actor, 'anonymous'>) =>
        (await comment(`Written by the ${actor}.`, requests[actor])).id;
      const ownCommentIds = {
        stranger: await commentBy('stranger'),
        friend: await commentBy('friend'),
        blocked: await commentBy('blocked'),
        owner: await commentBy('owner'),
      };
      await json(
        await owner.post('/api/relationships', {
          data: { username: accounts.blocked.username, action: 'block' },
        }),
      );
      const secondSession = await contextFor();
      const signIn = await secondSession.post('/api/sessions', {
        data: { identifier: accounts.owner.username, password: PASSWORD },
      });
      expect(signIn.status()).toBe(200);
      const cookie = (await secondSession.storageState()).cookies.find((c) =>
        c.name.endsWith('inkwell.session'),
      );
      await secondSession.dispose();
      return {
        owner: accounts.owner,
        publicSlug: publicArticle.slug,
        publicId: publicArticle.id,
        friendsOnlySlug: friendsOnly.slug,
        friendsOnlyId: friendsOnly.id,
        friendsOnlyTitle,
        draftId: (await article('A draft', 'public', false)).id,
        toUnpublishId: (await article('To unpublish', 'public')).id,
        toDeleteId: (await article('To delete', 'public', false)).id,
        ownerCommentId: (await comment('The owner speaks.')).id,
        commentToDeleteId: (await comment('The owner will delete this.')).id,
        ownerSecondSessionHandle: createHash('sha256')
          .update(cookie?.value ?? '')
          .digest('base64url')
          .slice(0, 22),
        // Anonymous is refused before any comment is looked up.
        ownCommentIds: { anonymous: ownCommentIds.owner, ...ownCommentIds },
      } satisfies World;
    });

  const mismatches: string[] = [];
  for (const entry of CASES) {
    for (const actor of ACTORS) {
      const response = await entry.send(requests[actor], world, actor);
      const expected = entry.expected[actor];
      if (response.status() !== expected) {
        mismatches.push(
          `${entry.name} as ${actor}: ${response.status()} (expected ${expected}) ${(await response.text()).slice(0, 160)}`,
        );
      } else if (entry.shows) {
        const shown = (await response.text()).includes(entry.shows.text(world));
        if (shown !== entry.shows.expected[actor])
          mismatches.push(`${entry.name} as ${actor}: ${shown ? 'shown' : 'hidden'}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  await Promise.all(Object.values(requests).map((request) => request.dispose()));
});
