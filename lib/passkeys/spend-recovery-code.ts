import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { durableRedis } from '@/lib/redis';
import { passkeyKeys } from './cache';
import { RecoveryCodeModel } from './models';
import { recoveryCodeDigest } from './recovery-codes';

/**
 * Uses up one of a person's recovery codes (already normalised by recoveryCodeSchema): true
 * once per code. Two requests racing with one code: the Redis claim (SET NX) lets one through,
 * and the code's document is deleted, so it never works again.
 */
export async function spendRecoveryCode(userId: string, normalizedCode: string): Promise<boolean> {
  await connectDb();
  const digest = recoveryCodeDigest(userId, normalizedCode);
  const stored = await RecoveryCodeModel.exists({ userId, digest });
  if (!stored) return false;
  const store = durableRedis();
  const claimed = await store.one(
    store.cmd.set(passkeyKeys.recoveryClaim(digest), '1', {
      ttlSeconds: 24 * 60 * 60,
      onlyIfAbsent: true,
    }),
  );
  if (!claimed) return false;
  const { deletedCount } = await RecoveryCodeModel.deleteOne({ userId, digest });
  return deletedCount === 1;
}
