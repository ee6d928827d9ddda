import 'server-only';
import { Types } from 'mongoose';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { ok, type Result } from '@/lib/validation/result';
import { dataExportRequested } from './events';
import { describeExport, latestDataExport, type DataExportView } from './latest-export';
import { DataExportModel } from './model';

/**
 * "Download your data": records an export and starts the job that builds its zip. While one is
 * being prepared, asking again answers that one (no second job); otherwise one per hour.
 */
export async function requestDataExport(viewer: SignedIn): Promise<Result<DataExportView>> {
  const userId = viewer.user.id;
  const current = await latestDataExport(userId);
  if (current?.status === 'preparing') return ok(current);
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.dataExportsPerAccount, userId]],
    'data exports',
  );
  if (limited) return limited;
  await connectDb();
  const id = new Types.ObjectId();
  // Named by the export: a re-sent event starts no second build.
  const requested = dataExportRequested.create(
    { exportId: id.toString(), userId },
    { id: `data-export:${id.toString()}` },
  );
  const created = await changeWithEvents(requested, () =>
    DataExportModel.create({
      _id: id,
      userId: new Types.ObjectId(userId),
      status: 'preparing',
      requestedAt: new Date(),
    }),
  );
  return ok(describeExport(created));
}
