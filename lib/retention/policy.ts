/**
 * How long activity and notifications are kept (docs/architecture.md, "Retention"). The
 * retention job (jobs/trim-old-records.ts) deletes older records every hour.
 */
export const RETENTION = {
  /** Stream activities (published, befriended, commented, liked). */
  activityDays: 90,
  /** Notifications the recipient has read. */
  readNotificationDays: 30,
  /** Notifications never read. */
  unreadNotificationDays: 90,
  /** Documents deleted per step: small enough for FerretDB, which scans its SQLite tables. */
  batchSize: 500,
  /** Steps per run per kind; what is left waits for the next run. */
  maxBatchesPerRun: 40,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export const daysBefore = (now: number, days: number) => new Date(now - days * DAY_MS);
