import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { isDuplicateKey } from '@/lib/db/errors';
import { OAuthLinkModel } from './oauth-link-model';
import { requiresSecondStep } from '@/lib/passkeys/requires-second-step';
import { usernameSchema } from '@/lib/users/schemas';
import { UserModel } from '@/lib/users/user-model';
import { isUsernameHeldFrom } from '@/lib/users/username-holds';

/** The provider's login or name in our alphabet (letters, digits, underscores), 3 to 24 long. */
function usernameBase(raw: string | null | undefined): string {
  return (raw ?? '')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 24)
    .padEnd(3, '_');
}

/**
 * The username to try: the provider's own first, then with a random suffix. A name the sign-up
 * form would refuse (reserved, like "admin" or "settings") is never taken: it goes straight to
 * the suffixed form, which is checked by the same schema.
 */
export function usernameCandidate(base: string, attempt: number): string {
  if (attempt === 0 && usernameSchema.safeParse(base).success) return base;
  const suffix = randomBytes(2).toString('hex');
  const suffixed = `${base}_${suffix}`;
  return usernameSchema.safeParse(suffixed).success ? suffixed : `writer_${suffix}`;
}

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email?: string | null;
  /** Only a provider that verified the address may sign in to an existing account with it. */
  emailVerified: boolean;
  preferredUsername?: string | null;
  name?: string | null;
}

/**
 * The Inkwell user behind a GitHub or Google sign-in: the linked account, else the account with
 * that (provider-verified) email, else a new account. Returns null when the email belongs to an
 * account the provider cannot vouch for: the person signs in with the password instead.
 */
export async function resolveOAuthUser(identity: OAuthIdentity): Promise<string | null> {
  await connectDb();
  const link = await OAuthLinkModel.findOne({
    provider: identity.provider,
    providerAccountId: identity.providerAccountId,
  }).lean();
  if (link) {
    // An account being deleted signs in no more (its links go with it at the end).
    const linked = await UserModel.findById(link.userId, { deletedAt: 1 }).lean();
    return linked && !linked.deletedAt ? link.userId.toString() : null;
  }

  const email = identity.email?.trim().toLowerCase();
  if (!email) return null;
  let user = await UserModel.findOne({ email }, { _id: 1, deletedAt: 1 }).lean();
  if (user && (!identity.emailVerified || user.deletedAt)) return null;
  // A verified address proves only the mailbox: linking a new identity by it would let whoever
  // holds the mailbox skip the second step the owner asked for. They sign in with the password.
  if (user && (await requiresSecondStep(user._id.toString()))) return null;
  if (!user) {
    const base = usernameBase(identity.preferredUsername ?? email.split('@')[0]);
    let created: { _id: Types.ObjectId } | undefined;
    for (let attempt = 0; attempt < 5 && !created; attempt += 1) {
      const username = usernameCandidate(base, attempt);
      // A name someone renamed away from stays theirs for a while: try the next candidate.
      if (await isUsernameHeldFrom(username.toLowerCase(), null)) continue;
      try {
        created = await UserModel.create({
          email,
          username,
          usernameKey: username.toLowerCase(),
          displayName: identity.name?.slice(0, 60) || username,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    if (!created) return null;
    user = created;
  }
  await OAuthLinkModel.updateOne(
    { provider: identity.provider, providerAccountId: identity.providerAccountId },
    { $setOnInsert: { userId: user._id } },
    { upsert: true },
  );
  return user._id.toString();
}

/** Removes every GitHub or Google link of a deleted account: a later sign-in starts afresh. */
export async function forgetOAuthLinks(userId: string): Promise<number> {
  await connectDb();
  return (await OAuthLinkModel.deleteMany({ userId: new Types.ObjectId(userId) })).deletedCount;
}
