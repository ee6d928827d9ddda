import { randomBytes } from 'node:crypto';
import { createAccount } from '@/lib/accounts/create-account';
import { getUserById } from '@/lib/profiles/cache';
import type { PublicUser } from '@/lib/profiles/public-user';
import type { SignedIn } from '@/lib/sessions/require-viewer';

/** A fresh account for a test, as a signed-in viewer (no session cookie involved). */
export async function makeUser(prefix = 'user'): Promise<PublicUser & { viewer: SignedIn }> {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`.slice(0, 30);
  const created = await createAccount({
    email: `${username}@example.com`,
    username,
    password: 'ink-and-quill-2026',
  });
  if (!created.ok) throw new Error(`could not create ${username}: ${JSON.stringify(created)}`);
  const user = await getUserById(created.value.userId);
  if (!user) throw new Error('created user not found');
  return { ...user, viewer: { user, sessionId: randomBytes(32).toString('base64url') } };
}
