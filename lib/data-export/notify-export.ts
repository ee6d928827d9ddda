import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { recordAndSend } from '@/lib/jobs/outbox';
import { mailRequested } from '@/lib/mail/events';
import { createNotification } from '@/lib/notifications/create-notification';
import { UserModel } from '@/lib/users/user-model';
import { exportReadyMail } from './export-mail';
import { DataExportModel } from './model';

/** The notification that an export is ready: one per export, however often a job runs. */
export async function notifyExportReady(exportId: string): Promise<boolean> {
  await connectDb();
  const row = await DataExportModel.findById(new Types.ObjectId(exportId)).lean();
  if (!row || row.status !== 'ready' || !row.readyAt) return false;
  await createNotification({
    userId: row.userId.toString(),
    kind: 'data-export',
    actorId: row.userId.toString(),
    subjectId: exportId,
    key: `data-export:${exportId}`,
    createdAt: row.readyAt,
  });
  return true;
}

/**
 * The mail with the link, to the account's address now. Its event id is the export's, so a
 * retried step records and sends it once (the outbox, Inngest and the mail job all key on it).
 */
export async function mailExportReady(exportId: string): Promise<boolean> {
  await connectDb();
  const row = await DataExportModel.findById(new Types.ObjectId(exportId)).lean();
  if (!row || row.status !== 'ready' || !row.expiresAt) return false;
  const user = await UserModel.findById(row.userId, { email: 1, username: 1 }).lean();
  if (!user) return false;
  const message = exportReadyMail(user.email, user.username, exportId, row.expiresAt.toISOString());
  const outcome = await recordAndSend(
    mailRequested.create(message, { id: `mail:data-export-${exportId}` }),
  );
  if (!outcome.recorded && !outcome.sent) throw new Error(outcome.errors.join('; '));
  return true;
}
