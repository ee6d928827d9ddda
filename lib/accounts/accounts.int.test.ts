import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { getUserByUsername } from '@/lib/users/cache';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { createAccount } from './create-account';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { UserModel } from '@/lib/users/user-model';
import { verifyCredentials } from '@/lib/auth/verify-credentials';

beforeAll(async () => {
  await connectDb();
  await import('@/lib/auth/oauth-account');
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await deleteTestRedisKeys();
  await disconnectDb();
});

describe('password hashing', () => {
  it('uses argon2id with a salt and verifies only the right password', async () => {
    const first = await hashPassword('analytical-engine');
    const second = await hashPassword('analytical-engine');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'analytical-engine')).toBe(true);
    expect(await verifyPassword(first, 'Analytical-engine')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe('accounts', () => {
  it('creates an account with a hashed password and a lowercased username key', async () => {
    const created = await createAccount({
      email: 'ada@example.com',
      username: 'Ada_L',
      password: 'analytical-engine',
    });
    expect(created.ok).toBe(true);
    const stored = await UserModel.findOne({ usernameKey: 'ada_l' }).lean();
    expect(stored?.username).toBe('Ada_L');
    expect(stored?.displayName).toBe('Ada_L');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain('analytical-engine');
  });

  it('keeps usernames unique without regard to case, and emails unique', async () => {
    const sameName = await createAccount({
      email: 'other@example.com',
      username: 'ADA_l',
      password: 'analytical-engine',
    });
    expect(sameName).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { username: expect.stringMatching(/taken/) },
    });
    const sameEmail = await createAccount({
      email: 'ada@example.com',
      username: 'someone',
      password: 'analytical-engine',
    });
    expect(sameEmail).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { email: expect.any(String) },
    });
  });

  it('lets exactly one of several simultaneous sign-ups for a name succeed', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        createAccount({
          email: `racer${index}@example.com`,
          username: 'Racer',
          password: 'analytical-engine',
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await UserModel.countDocuments({ usernameKey: 'racer' })).toBe(1);
  });

  it('verifies credentials by email or username, in any case', async () => {
    expect(await verifyCredentials('ADA@example.com', 'analytical-engine')).toMatchObject({
      username: 'Ada_L',
    });
    expect(await verifyCredentials('ada_L', 'analytical-engine')).toMatchObject({
      email: 'ada@example.com',
    });
    expect(await verifyCredentials('ada_l', 'wrong-password')).toBeNull();
    expect(await verifyCredentials('nobody', 'analytical-engine')).toBeNull();
    expect(await verifyCredentials('nobody@example.com', 'analytical-engine')).toBeNull();
  });

  it('serves the user object from the cache once warm', async () => {
    const cold = createRequestContext('cold');
    const user = await runWithRequestContext(cold, () => getUserByUsername('Ada_L'));
    expect(user?.displayName).toBe('Ada_L');
    expect(JSON.stringify(user)).not.toMatch(/email|password/i);
    expect(cold.mongo.commands).toBeGreaterThan(0);
    const warm = createRequestContext('warm');
    await runWithRequestContext(warm, () => getUserByUsername('ada_l'));
    expect(warm.mongo.commands).toBe(0);
    expect(warm.cache.user).toEqual({ hits: 2, misses: 0 });
  });
});
