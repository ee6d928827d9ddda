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
