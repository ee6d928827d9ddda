import { describe, expect, it } from 'vitest';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { createNotification } from './create-notification';
import { listNotifications } from './list-notifications';
import { markAllRead } from './mark-read';
import { collectNotificationsOf, purgeNotifications } from './purge-user';
import { trimNotificationsBefore } from './trim-notifications';

setUpTestStores();

/** Runs `read` twice, and returns how many MongoDB commands the second (warm) run sent. */
async function warmMongoCommands(read: () => Promise<unknown>): Promise<number> {
  await read();
  const metrics = createRequestContext('warm');
  await runWithRequestContext(metrics, read);
  return metrics.mongo.commands;
}

const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe('the notifications page', () => {
  it('reads no MongoDB when warm, and shows every change to the list at once', async () => {
    const [ada, bob, cy] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cy')]);
    const notify = (actorId: string, createdAt: Date) =>
      createNotification({
        userId: ada.id,
        kind: 'friend-request',
        actorId,
        key: `test:${stamp()}`,
        createdAt,
      });
    await notify(bob.id, new Date(Date.now() - 1_000));
    expect(await warmMongoCommands(() => listNotifications(ada.id))).toBe(0);
    expect((await listNotifications(ada.id)).map((entry) => entry.actor?.id)).toEqual([bob.id]);

    // A new one, then reading them: the cached list follows each write.
    await notify(cy.id, new Date());
    expect((await listNotifications(ada.id)).map((entry) => entry.actor?.id)).toEqual([
      cy.id,
      bob.id,
    ]);
    expect(await markAllRead(ada.viewer)).toMatchObject({ ok: true });
    expect((await listNotifications(ada.id)).every((entry) => entry.read)).toBe(true);
    expect(await warmMongoCommands(() => listNotifications(ada.id))).toBe(0);

    // Bob's account goes: his notification leaves Ada's list.
    await purgeNotifications(bob.id, await collectNotificationsOf(bob.id, 100));
    expect((await listNotifications(ada.id)).map((entry) => entry.actor?.id)).toEqual([cy.id]);

    // Trimming old read ones drops the list too.
    await trimNotificationsBefore('read', new Date(Date.now() + 60_000), 1_000);
    expect(await listNotifications(ada.id)).toEqual([]);
  });

  it("is one person's own: another person's list is not theirs", async () => {
    const [ada, bob] = await Promise.all([makeUser('ada'), makeUser('bob')]);
    await createNotification({
      userId: ada.id,
      kind: 'friend-request',
      actorId: bob.id,
      key: `test:${stamp()}`,
      createdAt: new Date(),
    });
    expect(await listNotifications(ada.id)).toHaveLength(1);
    expect(await listNotifications(bob.id)).toEqual([]);
  });
});
