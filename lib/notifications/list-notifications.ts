import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { getUsersByIds } from '@/lib/profiles/cache';
import type { PublicUser } from '@/lib/profiles/public-user';
import type { NotificationKind } from './model';
import { NotificationModel } from './model';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actor: PublicUser | null;
  subjectId: string | null;
  createdAt: string;
  read: boolean;
}

/** The newest notifications of a user, with the people who caused them. */
export async function listNotifications(userId: string, limit = 50): Promise<NotificationView[]> {
  await connectDb();
  const rows = await NotificationModel.find({ userId: new Types.ObjectId(userId) })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
  const actors = new Map(
    (await getUsersByIds(rows.map((row) => row.actorId.toString()))).map((user) => [user.id, user]),
  );
  return rows.map((row) => ({
    id: row._id.toString(),
    kind: row.kind,
    actor: actors.get(row.actorId.toString()) ?? null,
    subjectId: row.subjectId ? row.subjectId.toString() : null,
    createdAt: row.createdAt.toISOString(),
    read: Boolean(row.readAt),
  }));
}
