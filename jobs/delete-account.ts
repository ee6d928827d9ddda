import {
  accountBeingDeleted,
  endAccountSessions,
  removeAccount,
  unfinishedDeletions,
} from '@/lib/accounts/remove-account';
import { accountDeletionRequested, unfinishedDeletionsSweepRequested } from '@/lib/accounts/events';
import {
  collectActivitiesOf,
  type ActivityToPurge,
  countActivityTraces,
  dropEmptyLikeEntries,
  forgetStreamOf,
  purgeActivities,
} from '@/lib/activity/purge-user';
import {
  collectAuthorArticles,
  type ArticleToPurge,
  type CommentToPurge,
  collectCommentsBy,
  collectLikesBy,
  countAuthorTraces,
  finishAuthor,
  purgeArticles,
  purgeComments,
  purgeLikes,
} from '@/lib/articles/purge-author';
import {
  collectBlocks,
  type BlockToPurge,
  collectPairs,
  countGraphTraces,
  forgetGraphOf,
  friendIdsOf,
  purgeBlocks,
  purgePairs,
} from '@/lib/friends/purge-user';
import { inngest } from '@/lib/jobs/client';
import {
  collectMutes,
  countMuteTraces,
  forgetMutesOf,
  type MuteToPurge,
  purgeMutes,
} from '@/lib/mutes/purge-user';
import { purgeDataExportsOf } from '@/lib/data-export/purge-user';
import { purgePasskeysOf } from '@/lib/passkeys/purge-user';
import { releaseHoldsOf } from '@/lib/users/username-holds';
import { recordAndSend } from '@/lib/jobs/outbox';
import {
  collectNotificationsOf,
  type NotificationToPurge,
  countNotificationTraces,
  purgeNotifications,
} from '@/lib/notifications/purge-user';
import {
  collectSavedBy,
  collectSavesOfArticlesBy,
  countSavedTraces,
  purgeSaved,
  purgeSavesOf,
  type SaveToPurge,
} from '@/lib/reading-list/purge-user';
import { forgetSavedOf } from '@/lib/reading-list/cache';

const BATCH = 200;
/** Two steps a batch, well inside Inngest's 1,000 steps a run; a larger account is resumed. */
const MAX_BATCHES = 60;
/** A deletion unfinished after this long is sent again by resume-account-deletions. */
const RESUME_AFTER_MS = 30 * 60 * 1000;

/** One kind of the person's data: collected, then removed by what was collected. */
interface Purge<T> {
  name: string;
  collect: (limit: number) => Promise<T[]>;
  remove: (items: T[]) => Promise<unknown>;
}

/** A purge whose items are only passed from its collect to its remove, through a step's JSON. */
interface AnyPurge {
  name: string;
  collect: (limit: number) => Promise<unknown[]>;
  remove: (items: unknown[]) => Promise<unknown>;
}

function erased<T>(purge: Purge<T>): AnyPurge {
  // The items are what `collect` returned, read back from the step's JSON (plain strings and
  // objects of strings, unchanged by the round trip).
  return { ...purge, remove: (items) => purge.remove(items as T[]) };
}

function purgesOf(userId: string, friends: string[]): AnyPurge[] {
  return [
    // Stream entries first: the friends' streams drop them while the friendships are known.
    erased<ActivityToPurge>({
      name: 'activities',
      collect: (limit) => collectActivitiesOf(userId, limit),
      remove: (items) => purgeActivities(userId, friends, items),
    }),
    // Others' saves of the person's articles, while those articles are still known.
    erased<SaveToPurge>({
      name: 'saves-of-articles',
      collect: (limit) => collectSavesOfArticlesBy(userId, limit),
      remove: (items) => purgeSavesOf(items),
    }),
    erased<ArticleToPurge>({
      name: 'articles',
      collect: (limit) => collectAuthorArticles(userId, limit),
      remove: (items) => purgeArticles(userId, items),
    }),
    erased<CommentToPurge>({
      name: 'comments',
      collect: (limit) => collectCommentsBy(userId, limit),
      remove: (items) => purgeComments(items),
    }),
    erased<string>({
      name: 'likes',
      collect: (limit) => collectLikesBy(userId, limit),
      remove: async (articleIds) => {
        await purgeLikes(userId, articleIds);
        await dropEmptyLikeEntries(articleIds);
      },
    }),
    erased<string>({
      name: 'friendships',
      collect: (limit) => collectPairs(userId, limit),
      remove: (others) => purgePairs(userId, others),
    }),
    erased<BlockToPurge>({
      name: 'blocks',
      collect: (limit) => collectBlocks(userId, limit),
      remove: (items) => purgeBlocks(items),
    }),
    erased<MuteToPurge>({
      name: 'mutes',
      collect: (limit) => collectMutes(userId, limit),
      remove: (items) => purgeMutes(items),
    }),
    erased<NotificationToPurge>({
      name: 'notifications',
      collect: (limit) => collectNotificationsOf(userId, limit),
      remove: (items) => purgeNotifications(userId, items),
    }),
    erased<string>({
      name: 'saved',
      collect: (limit) => collectSavedBy(userId, limit),
      remove: (articleIds) => purgeSaved(userId, articleIds),
    }),
  ];
}

/** What is still left of the person in MongoDB (0 when every purge is done). */
async function tracesLeft(userId: string): Promise<number> {
  const counts = await Promise.all([
    countActivityTraces(userId),
    countAuthorTraces(userId),
    countGraphTraces(userId),
    countNotificationTraces(userId),
    countSavedTraces(userId),
    countMuteTraces(userId),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

/**
 * Removes a deleted account (lib/accounts/delete-account.ts marked it and ended its sessions) in
 * resumable steps. Each kind is collected in one step and removed by those ids in the next, so a
 * replayed step redoes the same removal (every removal is idempotent) and a crash between steps
 * resumes from the journal. A final sweep takes what a write still in flight at the deletion
 * stored meanwhile, and checks that nothing is left before the user document goes.
 */
export const deleteAccountJob = inngest.createFunction(
  {
    id: 'delete-account',
    retries: 4,
    concurrency: { key: 'event.data.userId', limit: 1 },
    triggers: [accountDeletionRequested],
  },
  async ({ event, step }) => {
    const { userId } = event.data;
    const account = await step.run('check-account', () => accountBeingDeleted(userId));
    if (!account) return { skipped: 'the account is not being deleted' };
    await step.run('end-sessions', () => endAccountSessions(userId));
    const friends = await step.run('find-friends', () => friendIdsOf(userId));
    const removed: Record<string, number> = {};
    for (const purge of purgesOf(userId, friends)) {
      for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
        // Step results are JSON: these items are plain strings and objects of strings.
        const items = await step.run(`${purge.name}-collect-${batch}`, () => purge.collect(BATCH));
        if (items.length === 0) break;
        await step.run(`${purge.name}-remove-${batch}`, () => purge.remove(items));
        removed[purge.name] = (removed[purge.name] ?? 0) + items.length;
        if (items.length < BATCH) break;
      }
    }
    await step.run('sweep', async () => {
      for (const purge of purgesOf(userId, friends)) {
        const items = await purge.collect(BATCH * 5);
        if (items.length > 0) await purge.remove(items);
      }
      const left = await tracesLeft(userId);
      // Retried (and, past its retries, resumed later): the account stays marked until then.
      if (left > 0) throw new Error(`${left} documents of a deleted account are left`);
    });
    await step.run('forget-cached', async () => {
      await finishAuthor(userId);
      await forgetGraphOf(userId);
      await forgetMutesOf(userId);
      await forgetStreamOf(userId);
      await forgetSavedOf(userId);
    });
    await step.run('identity-records', async () => {
      await purgePasskeysOf(userId);
      await purgeDataExportsOf(userId);
      await releaseHoldsOf(userId, account.usernameKey);
    });
    await step.run('remove-account', () => removeAccount(userId, account.usernameKey));
    return { removed };
  },
);

/**
 * Every half hour: an account marked deleted for longer than that (its event lost between the
 * mark and the outbox, or its run gave up) gets its deletion sent again; the job is idempotent.
 */
export const resumeAccountDeletions = inngest.createFunction(
  {
    id: 'resume-account-deletions',
    retries: 2,
    concurrency: { limit: 1 },
    triggers: [{ cron: '*/30 * * * *' }, unfinishedDeletionsSweepRequested],
  },
  async ({ step }) => {
    return step.run('resume', async () => {
      const now = Date.now();
      const userIds = await unfinishedDeletions(new Date(now - RESUME_AFTER_MS), 100);
      const round = Math.floor(now / RESUME_AFTER_MS);
      if (userIds.length > 0) {
        await recordAndSend(
          userIds.map((userId) =>
            accountDeletionRequested.create(
              { userId, requestedAt: new Date(now).toISOString() },
              { id: `account-deletion:${userId}:resumed-${round}` },
            ),
          ),
        );
      }
      return { resumed: userIds.length };
    });
  },
);
