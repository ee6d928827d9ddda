import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { RecoveryCodeModel, TwoStepModel } from './models';

/**
 * Turns two-step sign-in off and forgets the recovery codes. Only after re-authentication:
 * lib/accounts/turn-off-two-step.ts checks the password first.
 */
export async function disableTwoStep(userId: string): Promise<void> {
  await connectDb();
  await TwoStepModel.deleteMany({ userId });
  await RecoveryCodeModel.deleteMany({ userId });
}
