import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { PasskeyModel, RecoveryCodeModel, TwoStepModel } from './models';

/** An account removed for good: its passkeys, recovery codes and two-step setting go with it. */
export async function purgePasskeysOf(userId: string): Promise<void> {
  await connectDb();
  const owner = new Types.ObjectId(userId);
  await Promise.all([
    PasskeyModel.deleteMany({ userId: owner }),
    RecoveryCodeModel.deleteMany({ userId: owner }),
    TwoStepModel.deleteMany({ userId: owner }),
  ]);
}
