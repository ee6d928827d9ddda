import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { PasskeyModel, RecoveryCodeModel, TwoStepModel } from './models';

export interface TwoStepStatus {
  enabled: boolean;
  /** Unused recovery codes left. */
  codesLeft: number;
  /** Accounts made with GitHub or Google may have no password: two-step then has nothing to follow. */
  hasPassword: boolean;
  hasPasskey: boolean;
}

/** What the settings page shows of a person's two-step sign-in. */
export async function twoStepStatus(userId: string): Promise<TwoStepStatus> {
  await connectDb();
  const [twoStep, codesLeft, user, passkeys] = await Promise.all([
    TwoStepModel.exists({ userId }),
    RecoveryCodeModel.countDocuments({ userId }),
    UserModel.findById(userId, { passwordHash: 1 }).lean(),
    PasskeyModel.countDocuments({ userId }),
  ]);
  return {
    enabled: twoStep !== null,
    codesLeft,
    hasPassword: Boolean(user?.passwordHash),
    hasPasskey: passkeys > 0,
  };
}
