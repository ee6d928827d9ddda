import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { TwoStepModel } from './models';

/** Whether a password sign-in of this person must be followed by a passkey or a recovery code. */
export async function requiresSecondStep(userId: string): Promise<boolean> {
  await connectDb();
  return (await TwoStepModel.exists({ userId })) !== null;
}
