import { trimActivitiesBefore } from '@/lib/activity/trim-activities';
import { inngest } from '@/lib/jobs/client';
import { trimNotificationsBefore } from '@/lib/notifications/trim-notifications';
import { oldRecordsTrimRequested } from '@/lib/retention/events';
import { daysBefore, RETENTION } from '@/lib/retention/policy';

/**
 * Deletes activities and notifications older than their retention (lib/retention/policy.ts), in
 * bounded batches, one step each. The cutoffs are fixed in the first step, so a retried run
 * deletes by the same dates; each batch deletes by id and rechecks its filter, so a replayed step
 * deletes nothing it should not and tolerates documents already gone. What one run leaves (more
 * than maxBatchesPerRun batches) the next run takes.
 */
export const trimOldRecords = inngest.createFunction(
  {
    id: 'trim-old-records',
    retries: 4,
    concurrency: { limit: 1 },
    // Hourly: the local executor runs `*/N * * * *` when the minute is a multiple of N.
    triggers: [{ cron: '*/60 * * * *' }, oldRecordsTrimRequested],
  },
  async ({ step }) => {
    const now = await step.run('fix-cutoffs', () => Date.now());
    const cutoffs = {
      activities: daysBefore(now, RETENTION.activityDays),
      read: daysBefore(now, RETENTION.readNotificationDays),
      unread: daysBefore(now, RETENTION.unreadNotificationDays),
    };
    const batches = async (name: string, trim: () => Promise<number>) => {
      let deleted = 0;
      for (let batch = 0; batch < RETENTION.maxBatchesPerRun; batch += 1) {
        const count = await step.run(`${name}-${batch}`, trim);
        deleted += count;
        if (count < RETENTION.batchSize) break;
      }
      return deleted;
    };
    const activities = await batches('activities', () =>
      trimActivitiesBefore(cutoffs.activities, RETENTION.batchSize),
    );
    const readNotifications = await batches('read-notifications', () =>
      trimNotificationsBefore('read', cutoffs.read, RETENTION.batchSize),
    );
    const unreadNotifications = await batches('unread-notifications', () =>
      trimNotificationsBefore('unread', cutoffs.unread, RETENTION.batchSize),
    );
    return { activities, readNotifications, unreadNotifications };
  },
);
