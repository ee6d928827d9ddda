import 'server-only';
import type { Types } from 'mongoose';
import { UserModel } from '@/lib/users/user-model';
import { fail, type Failure } from '@/lib/validation/result';

/** Why a scheduled article of a suspended author was not published. */
export const SUSPENDED_AUTHOR_MESSAGE =
  'Not published: your account was suspended when it was due. It stays a draft; schedule it again once the suspension ends.';

/**
 * Whether the author of a scheduled article may still publish it when it is due: not when their
 * account is being deleted (the deletion removes it: `gone`), nor while they are suspended (a
 * suspended person posts nothing, scheduled earlier or not: it stays a draft, as a hidden one).
 */
export async function scheduledAuthorRefusal(authorId: Types.ObjectId): Promise<Failure | null> {
  const author = await UserModel.findOne(
    { _id: authorId, deletedAt: null },
    { suspendedUntil: 1 },
  ).lean();
  if (!author) return fail('gone', 'Its author’s account is being deleted.');
  if (author.suspendedUntil && author.suspendedUntil.getTime() > Date.now())
    return fail('forbidden', SUSPENDED_AUTHOR_MESSAGE);
  return null;
}
