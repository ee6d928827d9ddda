import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { setLocalDispatch } from '@/lib/jobs/client';
import type { DispatchedEvent } from '@/lib/jobs/dispatched-event';
import { localExecutor } from '@/jobs/runtime';
import { unreadCount } from '@/lib/notifications/cache';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { getUserById } from '@/lib/users/cache';
import { cacheRedis } from '@/lib/redis';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { acceptFriendRequest } from './accept-friend-request';
import { blockUser, unblockUser } from './block-user';
import { blockedByCache, blockingCache, friendsCache } from './cache';
import { changeRelationship } from './change-relationship';
import { endFriendship } from './end-friendship';
import { getFriendsOverview } from './friends-overview';
import { FriendshipModel } from './models';
import { mutualFriendIds, suggestFriendIds } from './queries';
import { getRelationship } from './relationship';
import { sendFriendRequest } from './send-friend-request';

const events: DispatchedEvent[] = [];

beforeAll(async () => {
  await connectDb();
  await ensureIndexes();
  // Record every event, then let the real jobs run them in-process.
  setLocalDispatch(async (sent) => {
    events.push(...sent);
    return localExecutor().dispatch(sent);
  });
});

afterAll(async () => {
  setLocalDispatch(undefined);
  await localExecutor().idle();
  await mongoose.connection.db?.dropDatabase();
  await deleteTestRedisKeys();
  await disconnectDb();
});

/** The cached set must equal what MongoDB holds (the loader is the source of truth). */
async function expectGraphConsistent(...userIds: string[]) {
  for (const userId of userIds) {
    const cached = (await friendsCache.get(userId)).sort();
    const stored = (await friendsCache['options'].load(userId)).sort();
    expect(cached).toEqual(stored);
  }
}

describe('friend request transitions', () => {
  it('request, cancel, request again, decline', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    expect(await sendFriendRequest(ada.id, bob.id)).toEqual({
      ok: true,
      value: { relationship: 'request-sent' },
    });
    expect(await sendFriendRequest(ada.id, bob.id)).toEqual({
      ok: true,
      value: { relationship: 'request-sent' },
    });
    expect(
      await FriendshipModel.countDocuments({ pairKey: [ada.id, bob.id].sort().join(':') }),
    ).toBe(1);
    expect(await getRelationship(ada.id, bob.id)).toBe('request-sent');
    expect(await getRelationship(bob.id, ada.id)).toBe('request-received');

    expect(await endFriendship(bob.id, ada.id, 'cancel')).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await endFriendship(ada.id, bob.id, 'cancel')).toEqual({
      ok: true,
      value: { relationship: 'none' },
    });
    expect(await getRelationship(bob.id, ada.id)).toBe('none');

    await sendFriendRequest(ada.id, bob.id);
    expect(await endFriendship(ada.id, bob.id, 'decline')).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await endFriendship(bob.id, ada.id, 'decline')).toEqual({
      ok: true,
      value: { relationship: 'none' },
    });
    expect(
      await FriendshipModel.countDocuments({ pairKey: [ada.id, bob.id].sort().join(':') }),
    ).toBe(0);
    await expectGraphConsistent(ada.id, bob.id);
  });

  it('accept (twice is harmless) makes friends on both sides, then unfriend ends it', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    // Warm both cached sets first, so the change must update them, not just fill them.
    await Promise.all([friendsCache.get(ada.id), friendsCache.get(bob.id)]);
    await sendFriendRequest(ada.id, bob.id);
    expect(await acceptFriendRequest(ada.id, bob.id)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await acceptFriendRequest(bob.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'friends' },
    });
    expect(await acceptFriendRequest(bob.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'friends' },
    });
    expect(await friendsCache.get(ada.id)).toEqual([bob.id]);
    expect(await friendsCache.get(bob.id)).toEqual([ada.id]);
    expect((await getUserById(ada.id))?.friendCount).toBe(1);
    expect((await getUserById(bob.id))?.friendCount).toBe(1);
    expect(await getRelationship(ada.id, bob.id)).toBe('friends');
    await expectGraphConsistent(ada.id, bob.id);

    expect(await endFriendship(ada.id, bob.id, 'unfriend')).toEqual({
      ok: true,
      value: { relationship: 'none' },
    });
    expect(await friendsCache.get(ada.id)).toEqual([]);
    expect(await friendsCache.get(bob.id)).toEqual([]);
    expect((await getUserById(bob.id))?.friendCount).toBe(0);
    expect(await endFriendship(ada.id, bob.id, 'unfriend')).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    await expectGraphConsistent(ada.id, bob.id);
  });

  it('a request to someone who already asked you accepts theirs', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await sendFriendRequest(ada.id, bob.id);
    expect(await sendFriendRequest(bob.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'friends' },
    });
    await expectGraphConsistent(ada.id, bob.id);
  });

  it('simultaneous requests both ways end in one friendship, never duplicates', async () => {
    for (let round = 0; round < 3; round += 1) {
      const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => sendFriendRequest(ada.id, bob.id)),
        ...Array.from({ length: 4 }, () => sendFriendRequest(bob.id, ada.id)),
      ]);
      expect(results.every((result) => result.ok)).toBe(true);
      const rows = await FriendshipModel.find({
        pairKey: [ada.id, bob.id].sort().join(':'),
      }).lean();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.status).toBe('accepted');
      await expectGraphConsistent(ada.id, bob.id);
      expect((await getUserById(ada.id))?.friendCount).toBe(1);
    }
  });

  it('simultaneous requests one way leave one pending request', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await Promise.all(Array.from({ length: 8 }, () => sendFriendRequest(ada.id, bob.id)));
    const rows = await FriendshipModel.find({ pairKey: [ada.id, bob.id].sort().join(':') }).lean();
    expect(rows.map((row) => row.status)).toEqual(['pending']);
  });

  it('refuses a request to yourself and an unknown person, and unknown actions', async () => {
    const ada = await makeUser('ada');
    expect(await sendFriendRequest(ada.id, ada.id)).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      await changeRelationship(ada.viewer, { username: 'nobody_here', action: 'request' }),
    ).toMatchObject({ ok: false, code: 'not-found' });
    expect(
      await changeRelationship(ada.viewer, { username: 'x', action: 'explode' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { action: 'Unknown action.' },
    });
  });
});

describe('blocking', () => {
  it('ends the friendship, stops requests both ways, and hides from suggestions', async () => {
    const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
    for (const [from, to] of [
      [ada, bob],
      [cat, bob],
    ] as const) {
      await sendFriendRequest(from.id, to.id);
      await acceptFriendRequest(to.id, from.id);
    }
    expect(await suggestFriendIds(ada.id)).toEqual([{ id: cat.id, mutual: 1 }]);

    expect(await blockUser(cat.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'blocked' },
    });
    expect(await blockUser(cat.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'blocked' },
    });
    expect(await suggestFriendIds(ada.id)).toEqual([]);
    expect(await suggestFriendIds(cat.id)).toEqual([]);
    expect(await getRelationship(cat.id, ada.id)).toBe('blocked');
    expect(await getRelationship(ada.id, cat.id)).toBe('unavailable');
    expect(await sendFriendRequest(ada.id, cat.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await sendFriendRequest(cat.id, ada.id)).toMatchObject({ ok: false, code: 'forbidden' });

    // Blocking a friend ends the friendship.
    expect(await blockUser(bob.id, ada.id)).toMatchObject({ ok: true });
    expect(await friendsCache.get(ada.id)).toEqual([]);
    expect(await getRelationship(bob.id, ada.id)).toBe('blocked');
    await expectGraphConsistent(ada.id, bob.id, cat.id);
    expect(await blockingCache.get(bob.id)).toEqual([ada.id]);
    expect((await blockedByCache.get(ada.id)).sort()).toEqual([bob.id, cat.id].sort());

    expect(await unblockUser(bob.id, ada.id)).toEqual({
      ok: true,
      value: { relationship: 'none' },
    });
    expect(await unblockUser(bob.id, ada.id)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await getRelationship(ada.id, bob.id)).toBe('none');
    expect(await sendFriendRequest(ada.id, bob.id)).toMatchObject({ ok: true });
  });
});

describe('the cached friend graph', () => {
  it('computes mutual friends from cached sets, with no MongoDB query when warm', async () => {
    const [ada, bob, cat, dan] = await Promise.all([
      makeUser('ada'),
      makeUser('bob'),
      makeUser('cat'),
      makeUser('dan'),
    ]);
    for (const [from, to] of [
      [ada, cat],
      [bob, cat],
      [ada, dan],
      [bob, dan],
    ] as const) {
      await sendFriendRequest(from.id, to.id);
      await acceptFriendRequest(to.id, from.id);
    }
    await mutualFriendIds(ada.id, bob.id);
    const metrics = createRequestContext('mutual');
    const mutual = await runWithRequestContext(metrics, () => mutualFriendIds(ada.id, bob.id));
    expect(mutual.sort()).toEqual([cat.id, dan.id].sort());
    expect(metrics.mongo.commands).toBe(0);
    expect(metrics.cache.graph?.misses).toBe(0);
  });

  it('rebuilds a cold key once for many concurrent readers (stampede guard)', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await sendFriendRequest(ada.id, bob.id);
    await acceptFriendRequest(bob.id, ada.id);
    const store = cacheRedis();
    await store.one(store.cmd.del(friendsCache.key(ada.id)));
    const metrics = createRequestContext('stampede');
    const reads = await runWithRequestContext(metrics, () =>
      Promise.all(Array.from({ length: 25 }, () => friendsCache.get(ada.id))),
    );
    expect(reads.every((friends) => friends.length === 1 && friends[0] === bob.id)).toBe(true);
    expect(metrics.mongo.commands).toBe(1);
  });

  it('a rebuild that read MongoDB before a change cannot overwrite the change', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    const store = cacheRedis();
    await store.one(store.cmd.del(friendsCache.key(ada.id)));
    // Start a rebuild whose MongoDB read happens before the friendship exists...
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const options = friendsCache['options'];
    const original = options.load;
    options.load = async (userId: string) => {
      const stale = await original(userId);
      await gate;
      return stale;
    };
    const staleRead = friendsCache.get(ada.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // ...then the friendship is made while it is in flight.
    await sendFriendRequest(ada.id, bob.id);
    await acceptFriendRequest(bob.id, ada.id);
    release();
    expect(await staleRead).toEqual([]);
    options.load = original;
    expect(await friendsCache.get(ada.id)).toEqual([bob.id]);
  });
});

describe('events and notifications', () => {
  it('emits friendship events and notifies through jobs, once per event', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await sendFriendRequest(ada.id, bob.id);
    await localExecutor().idle();
    expect(await unreadCount(bob.id)).toBe(1);
    const [request] = await listNotifications(bob.id);
    expect(request).toMatchObject({ kind: 'friend-request', read: false, actor: { id: ada.id } });

    await acceptFriendRequest(bob.id, ada.id);
    // The notification job checks that the friendship exists: it runs while they are friends.
    await localExecutor().idle();
    await endFriendship(ada.id, bob.id, 'unfriend');
    await blockUser(ada.id, bob.id);
    await localExecutor().idle();
    expect((await listNotifications(ada.id)).map((notification) => notification.kind)).toEqual([
      'friend-accepted',
    ]);
    const names = events
      .filter(
        (event) =>
          JSON.stringify(event.data).includes(ada.id) &&
          JSON.stringify(event.data).includes(bob.id),
      )
      .map((event) => event.name);
    expect(names).toEqual([
      'friendship/requested',
      'friendship/accepted',
      'friendship/removed',
      'user/blocked',
    ]);

    // Replaying an event writes no second notification.
    const accepted = events.find(
      (event) => event.name === 'friendship/accepted' && event.data.accepter === bob.id,
    );
    if (!accepted) throw new Error('no accepted event');
    await localExecutor().dispatch([{ ...accepted, id: `${accepted.id}-replay` }]);
    await localExecutor().idle();
    expect(await listNotifications(ada.id)).toHaveLength(1);
  });
});

describe('block and unblock cycles', () => {
  /** Stream clean-up runs started for the pair. */
  const cleanupsOf = (a: string, b: string) =>
    localExecutor().history.filter(
      (run) =>
        run.functionId.endsWith('stream-friendship-ended') &&
        JSON.stringify(run.event.data).includes(a) &&
        JSON.stringify(run.event.data).includes(b),
    ).length;

  it('start one stream clean-up per pair and friendship, however often they repeat', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    for (let cycle = 0; cycle < 4; cycle += 1) {
      expect(await blockUser(ada.id, bob.id)).toMatchObject({ ok: true });
      expect(await unblockUser(ada.id, bob.id)).toMatchObject({ ok: true });
    }
    await localExecutor().idle();
    expect(cleanupsOf(ada.id, bob.id)).toBe(1);

    // Friends again: what they shared since is cleaned up once more, when the next block ends it.
    await sendFriendRequest(ada.id, bob.id);
    await acceptFriendRequest(bob.id, ada.id);
    await blockUser(ada.id, bob.id);
    await localExecutor().idle();
    const afterFriendship = cleanupsOf(ada.id, bob.id);
    expect(afterFriendship).toBeGreaterThan(1);
    for (let cycle = 0; cycle < 3; cycle += 1) {
      await unblockUser(ada.id, bob.id);
      await blockUser(ada.id, bob.id);
    }
    await localExecutor().idle();
    expect(cleanupsOf(ada.id, bob.id)).toBe(afterFriendship);
    expect(await getRelationship(ada.id, bob.id)).toBe('blocked');
  });

  it('request and cancel cycles notify the person asked once', async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    for (let cycle = 0; cycle < 3; cycle += 1) {
      expect(await sendFriendRequest(ada.id, bob.id)).toMatchObject({ ok: true });
      await localExecutor().idle();
      expect(await endFriendship(ada.id, bob.id, 'cancel')).toMatchObject({ ok: true });
    }
    await sendFriendRequest(ada.id, bob.id);
    await localExecutor().idle();
    expect((await listNotifications(bob.id)).map((entry) => entry.kind)).toEqual([
      'friend-request',
    ]);
    expect(await unreadCount(bob.id)).toBe(1);
    expect(await getRelationship(ada.id, bob.id)).toBe('request-sent');
  });
});

describe('the /friends overview', () => {
  it('places each person once: a pending request either way is never also a suggestion', async () => {
    const [ada, bob, cat, dan, eve] = await Promise.all([
      makeUser('ada'),
      makeUser('bob'),
      makeUser('cat'),
      makeUser('dan'),
      makeUser('eve'),
    ]);
    // Bob is Ada's friend; Cat, Dan and Eve are Bob's friends, so all three are suggested to Ada.
    for (const other of [ada, cat, dan, eve]) {
      await sendFriendRequest(bob.id, other.id);
      await acceptFriendRequest(other.id, bob.id);
    }
    expect((await suggestFriendIds(ada.id)).map((entry) => entry.id).sort()).toEqual(
      [cat.id, dan.id, eve.id].sort(),
    );
    await sendFriendRequest(ada.id, cat.id);
    await sendFriendRequest(dan.id, ada.id);

    const where = async (userId: string) =>
      Object.fromEntries(
        (await getFriendsOverview(userId)).map((person) => [
          person.user.id,
          [person.relationship, person.mutual],
        ]),
      );
    expect(await where(ada.id)).toEqual({
      [bob.id]: ['friends', undefined],
      [cat.id]: ['request-sent', undefined],
      [dan.id]: ['request-received', undefined],
      [eve.id]: ['none', 1],
    });

    await acceptFriendRequest(ada.id, dan.id);
    expect(await where(ada.id)).toMatchObject({
      [dan.id]: ['friends', undefined],
      [cat.id]: ['request-sent', undefined],
    });
    // Another person's overview never shows Ada's pending request as theirs.
    expect(await where(cat.id)).toEqual({
      [bob.id]: ['friends', undefined],
      [ada.id]: ['request-received', undefined],
      [dan.id]: ['none', 1],
      [eve.id]: ['none', 1],
    });
  });
});
