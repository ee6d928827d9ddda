import mongoose from 'mongoose';
import { expect, newPerson, test } from './support/fixtures';

/** The e2e instance's database (global setup names it after the stores' own URI). */
function e2eDatabaseUri(): string {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  return uri.toString();
}

test('the running server relays an event left in the outbox, once', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const base = baseURL as string;
  const [ada, bob] = await Promise.all([newPerson(browser, base), newPerson(browser, base)]);
  const asked = await ada.page.request.post('/api/relationships', {
    data: { username: bob.account.username, action: 'request' },
    headers: { Origin: base },
  });
  expect(asked.ok()).toBe(true);

  const connection = await mongoose.createConnection(e2eDatabaseUri()).asPromise();
  try {
    const db = connection.db;
    if (!db) throw new Error('no database');
    const [adaUser, bobUser] = await Promise.all(
      [ada, bob].map((who) => db.collection('users').findOne({ username: who.account.username })),
    );
    if (!adaUser || !bobUser) throw new Error('accounts not found');
    const notificationsOfBob = { userId: bobUser._id, kind: 'friend-request' };
    const notifications = db.collection('notifications');
    await expect.poll(() => notifications.countDocuments(notificationsOfBob)).toBe(1);

    // As if the request's event had never been accepted: no notification, the event in the outbox.
    await notifications.deleteMany(notificationsOfBob);
    const friendship = await db
      .collection('friendships')
      .findOne({ users: adaUser._id, requestedBy: adaUser._id });
    if (!friendship) throw new Error('friendship not found');
    const outbox = db.collection<{ _id: string; status?: string; [field: string]: unknown }>(
      'outbox_events',
    );
    const id = `friendship-requested:e2e-relay:${Date.now()}`;
    await outbox.insertOne({
      _id: id,
      name: 'friendship/requested',
      data: {
        pairKey: friendship.pairKey as string,
        from: adaUser._id.toString(),
        to: bobUser._id.toString(),
        requestedAt: (friendship.requestedAt as Date).toISOString(),
      },
      ts: Date.now(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      createdAt: new Date(),
    });

    // The server's relay (every 5 s) sends it; the job writes the notification again, once.
    await expect.poll(() => outbox.countDocuments({ _id: id }), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => notifications.countDocuments(notificationsOfBob)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await notifications.countDocuments(notificationsOfBob)).toBe(1);
  } finally {
    await connection.close();
  }
  for (const someone of [ada, bob]) await someone.page.context().close();
});
