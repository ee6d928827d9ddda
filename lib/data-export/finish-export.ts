import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { deleteExportFiles } from './export-files';
import { DataExportModel, EXPORT_LIFETIME_DAYS } from './model';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReadyExport {
  userId: string;
  expiresAt: string;
}

/**
 * Marks a built export ready for EXPORT_LIFETIME_DAYS. A retry finds it ready already and
 * answers the same expiry (the link's lifetime never moves).
 */
export async function markExportReady(
  exportId: string,
  fileName: string,
  size: number,
  now = new Date(),
): Promise<ReadyExport | null> {
  await connectDb();
  const _id = new Types.ObjectId(exportId);
  const before = await DataExportModel.findById(_id, { userId: 1 }).lean();
  const owner = before ? await UserModel.findById(before.userId, { deletedAt: 1 }).lean() : null;
  if (!before || !owner || owner.deletedAt) {
    // Its account was deleted while the zip was written (the deletion's purge found no file yet,
    // or no longer a record): the zip must not outlive it.
    await deleteExportFiles([fileName]);
    await DataExportModel.deleteOne({ _id });
    return null;
  }
  await DataExportModel.updateOne(
    { _id, status: 'preparing' },
    {
      $set: {
        status: 'ready',
        fileName,
        size,
        readyAt: now,
        expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_DAYS * DAY_MS),
      },
    },
  );
  const row = await DataExportModel.findById(_id).lean();
  if (!row || row.status !== 'ready' || !row.expiresAt) return null;
  return { userId: row.userId.toString(), expiresAt: row.expiresAt.toISOString() };
}
