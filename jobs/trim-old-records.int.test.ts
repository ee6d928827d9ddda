import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { streamIndex } from '@/lib/activity/cache';
import { ActivityModel } from '@/lib/activity/model';
import { readStream } from '@/lib/activity/read-stream';
import { trimActivitiesBefore } from '@/lib/activity/trim-activities';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from './runtime';
import { unreadCount } from '@/lib/notifications/cache';
import { NotificationModel } from '@/lib/notifications/model';
import { oldRecordsTrimRequested } from '@/lib/retention/events';
import { daysBefore, RETENTION } from '@/lib/retention/policy';
import { publishAs, type Person } from '@/lib/testing/people';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';

setUpTestStores();

const settle = () => localExecutor().idle();
const publish = (author: Person, title: string, extra: Record<string, unknown> = {}) =>
  publishAs(author, title, settle, extra);

async function runTrimJob() {
  await inngest.send(oldRecordsTrimRequested.create({}));
  await localExecutor().idle();
  const run = localExecutor().history.findLast((entry) =>
    entry.functionId.endsWith('trim-old-records'),
  );
  expect(run?.status).toBe('completed');
  return run?.output as {
    activities: number;
    readNotifications: number;
    unreadNotifications: number;
  };
}

const daysAgo = (days: number) => daysBefore(Date.now(), days);

describe('retention job', () => {
  it('deletes old activities and notifications, keeps recent ones and streams readable, and deletes nothing more when run again', async () => {
    const author = await makeUser('writer');
    const reader = await makeUser('reader');
    await sendFriendRequest(author.id, reader.id);
    await acceptFriendRequest(reader.id, author.id);
    await localExecutor().idle();

    const old = await publish(author, 'An old story');
    const recent = await publish(author, 'A recent story');
    // The reader's stream (and the activity objects) are now cached with both articles.
    const before = await readStream(reader.id);
    const titles = (page: typeof before) =>
      page.items.flatMap((item) => (item.kind === 'published' ? [item.article.title] : []));
    expect(titles(before)).toEqual(['A recent story', 'An old story']);

    // Age the first publication past the retention period (the cached stream still lists it).
    const oldActivity = await ActivityModel.findOneAndUpdate(
      { verb: 'published', articleId: new Types.ObjectId(old.id) },
      { createdAt: daysAgo(RETENTION.activityDays + 1) },
    ).lean();
    const oldActivityId = oldActivity?._id.toString() ?? 'missing';
    const ownActivities = () =>
      ActivityModel.countDocuments({ actorId: new Types.ObjectId(author.id) });
    const activitiesBefore = await ownActivities();

    const notification = (days: number, read: boolean) => ({
      userId: new Types.ObjectId(reader.id),
      kind: 'like' as const,
      actorId: new Types.ObjectId(author.id),
      key: `retention-test:${new Types.ObjectId().toString()}`,
      createdAt: daysAgo(days),
      readAt: read ? daysAgo(days - 1) : null,
    });
    const kept = await NotificationModel.insertMany([
      notification(RETENTION.readNotificationDays - 1, true),
      notification(RETENTION.readNotificationDays + 1, false),
      notification(1, false),
    ]);
    await NotificationModel.insertMany([
      notification(RETENTION.readNotificationDays + 1, true),
      notification(RETENTION.unreadNotificationDays + 1, true),
      notification(RETENTION.unreadNotificationDays + 1, false),
    ]);
    // Recent unread count comes from the collection ... and is cached.
    const readerNotifications = await NotificationModel.countDocuments({
      userId: new Types.ObjectId(reader.id),
      readAt: null,
    });
    expect(await unreadCount(reader.id)).toBe(readerNotifications);

    const first = await runTrimJob();
    expect(first.activities).toBeGreaterThanOrEqual(1);
    expect(first.readNotifications).toBeGreaterThanOrEqual(2);
    expect(first.unreadNotifications).toBeGreaterThanOrEqual(1);

    expect(await ownActivities()).toBe(activitiesBefore - 1);
    expect(
      await ActivityModel.countDocuments({ articleId: new Types.ObjectId(recent.id) }),
    ).toBeGreaterThan(0);
    const left = await NotificationModel.find(
      { userId: new Types.ObjectId(reader.id), key: /^retention-test:/ },
      { _id: 1 },
    ).lean();
    expect(left.map((row) => row._id.toString()).sort()).toEqual(
      kept.map((row) => row._id.toString()).sort(),
    );
    // The cached count followed the deleted unread notification.
    expect(await unreadCount(reader.id)).toBe(readerNotifications - 1);

    // The cached stream still names the deleted activity; reading it skips the missing entry.
    expect((await streamIndex.page(reader.id, 50)).ids).toContain(oldActivityId);
    expect(await ActivityModel.exists({ _id: oldActivity?._id })).toBeNull();
    expect(titles(await readStream(reader.id))).toEqual(['A recent story']);

    const second = await runTrimJob();
    expect(second).toEqual({ activities: 0, readNotifications: 0, unreadNotifications: 0 });
    expect(await ownActivities()).toBe(activitiesBefore - 1);
    expect(await NotificationModel.countDocuments({ key: /^retention-test:/ })).toBe(kept.length);
    expect(titles(await readStream(reader.id))).toEqual(['A recent story']);
  });

  it('deletes in bounded batches and a replayed batch deletes nothing younger than its cutoff', async () => {
    const actorId = new Types.ObjectId();
    const cutoff = daysAgo(RETENTION.activityDays);
    const row = (days: number) => ({
      verb: 'published' as const,
      actorId,
      key: `batch-test:${new Types.ObjectId().toString()}`,
      createdAt: daysAgo(days),
    });
    await ActivityModel.insertMany([
      ...Array.from({ length: 5 }, () => row(RETENTION.activityDays + 10)),
      row(RETENTION.activityDays - 1),
    ]);
    const counts: number[] = [];
    for (let batch = 0; batch < 4; batch += 1) counts.push(await trimActivitiesBefore(cutoff, 2));
    expect(counts).toEqual([2, 2, 1, 0]);
    expect(await ActivityModel.countDocuments({ actorId })).toBe(1);
  });
});
