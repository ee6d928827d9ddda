import 'server-only';
import { connectDb } from '@/lib/db/connection';
import { PasskeyModel } from './models';

export interface PasskeyListing {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced between devices (a password manager, a platform account) or bound to one device. */
  synced: boolean;
}

/** A person's own passkeys for the settings page, oldest first. Never the key material. */
export async function listPasskeys(userId: string): Promise<PasskeyListing[]> {
  await connectDb();
  const passkeys = await PasskeyModel.find(
    { userId },
    { name: 1, createdAt: 1, lastUsedAt: 1, deviceType: 1 },
  )
    .sort({ createdAt: 1 })
    .lean();
  return passkeys.map((passkey) => ({
    id: passkey._id.toString(),
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
    synced: passkey.deviceType === 'multiDevice',
  }));
}
