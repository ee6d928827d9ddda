import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { resolveOAuthUser } from './oauth-account';
import { usernameSchema } from '@/lib/users/schemas';
import { UserModel } from '@/lib/users/user-model';

beforeAll(async () => {
  await connectDb();
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await deleteTestRedisKeys();
  await disconnectDb();
});

let next = 0;
async function usernameFor(login: string | null, email: string): Promise<string> {
  next += 1;
  const userId = await resolveOAuthUser({
    provider: 'github',
    providerAccountId: `gh-${next}`,
    email,
    emailVerified: false,
    preferredUsername: login,
    name: login,
  });
  expect(userId).not.toBeNull();
  const user = await UserModel.findById(userId, { username: 1 }).lean();
  return user?.username ?? '';
}

describe('GitHub and Google sign-ups', () => {
  it.each([
    'admin',
    'Admin',
    'SETTINGS',
    'signin',
    'api',
    'root',
    'u',
    'me',
    'inkwell',
    'support',
    'write',
  ])('never take the reserved username %s', async (login) => {
    const username = await usernameFor(login, `${login.toLowerCase()}-${next}@example.com`);
    expect(usernameSchema.safeParse(username).success).toBe(true);
    expect(username.toLowerCase()).not.toBe(login.toLowerCase());
  });

  it('derive a reserved name from the email address no more than from the login', async () => {
    const username = await usernameFor(null, 'admin@example.com');
    expect(usernameSchema.safeParse(username).success).toBe(true);
    expect(username.toLowerCase()).not.toBe('admin');
  });

  it.each(['zoë-müller', 'a', '', 'x'.repeat(60), 'ship.it', '日本語'])(
    'always pick a name the username schema accepts (login %j)',
    async (login) => {
      const username = await usernameFor(login, `odd-${next}@example.com`);
      expect(usernameSchema.safeParse(username).success).toBe(true);
    },
  );

  it('keep a free, valid login as it is', async () => {
    expect(await usernameFor('octocat_42', 'octo@example.com')).toBe('octocat_42');
  });
});

describe('linking a GitHub or Google identity to an existing account by its e-mail', () => {
  it('never links to an account that requires a second step (that would skip it)', async () => {
    const { TwoStepModel } = await import('@/lib/passkeys/models');
    const victim = await UserModel.create({
      email: 'two-step-victim@example.com',
      username: 'two_step_victim',
      usernameKey: 'two_step_victim',
      displayName: 'Victim',
      passwordHash: 'not-a-real-hash',
    });
    await TwoStepModel.create({ userId: victim._id, enabledAt: new Date() });
    // Someone holding a Google account for the victim's address (a verified address is only
    // proof of the mailbox, which a password reset already needs, and which two-step must not
    // be enough against).
    const identity = {
      provider: 'google',
      providerAccountId: 'google-attacker-1',
      email: 'two-step-victim@example.com',
      emailVerified: true,
      name: 'Attacker',
    };
    expect(await resolveOAuthUser(identity)).toBeNull();
    // Nothing was linked: a retry does not find a link either.
    expect(await resolveOAuthUser(identity)).toBeNull();
  });

  it('still links a verified address to an account without two-step', async () => {
    const owner = await UserModel.create({
      email: 'plain-owner@example.com',
      username: 'plain_owner',
      usernameKey: 'plain_owner',
      displayName: 'Owner',
      passwordHash: 'not-a-real-hash',
    });
    const userId = await resolveOAuthUser({
      provider: 'google',
      providerAccountId: 'google-owner-1',
      email: 'plain-owner@example.com',
      emailVerified: true,
      name: 'Owner',
    });
    expect(userId).toBe(owner._id.toString());
  });
});
