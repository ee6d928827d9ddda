import 'server-only';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { connectDb } from '@/lib/db/connection';
import { findByIds } from '@/lib/db/find-by-ids';
import { UserModel } from '@/lib/users/user-model';
import { ok, type Result } from '@/lib/validation/result';
import { AuditEntryModel, type ModerationAction } from './models';
import { requireAdmin } from './roles';

export const AUDIT_PAGE = 100;

export interface AuditLine {
  id: string;
  /** Who acted (a username, or `cli`). */
  actor: string;
  action: ModerationAction;
  target: string;
  /** The person concerned. */
  subject: string;
  reason: string;
  until: string | null;
  at: string;
}

/** The newest audit entries (who, what, when, why), for admins only. */
export async function listAudit(viewer: SignedIn): Promise<Result<AuditLine[]>> {
  const refused = await requireAdmin(viewer);
  if (refused) return refused;
  await connectDb();
  const rows = await AuditEntryModel.find({}).sort({ at: -1, _id: -1 }).limit(AUDIT_PAGE).lean();
  const people = new Map(
    (
      await findByIds(
        UserModel,
        rows.map((row) => row.subjectId),
        { username: 1 },
      )
    ).map((user) => [user._id.toString(), user.username]),
  );
  return ok(
    rows.map((row) => ({
      id: row._id.toString(),
      actor: row.actorLabel,
      action: row.action,
      target: `${row.targetKind} ${row.targetId.toString()}`,
      subject: people.get(row.subjectId.toString()) ?? 'a deleted account',
      reason: row.reason,
      until: row.until ? row.until.toISOString() : null,
      at: row.at.toISOString(),
    })),
  );
}
