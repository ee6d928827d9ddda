import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
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
