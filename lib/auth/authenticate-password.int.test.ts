import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/accounts/create-account';
import { signUp } from '@/lib/accounts/sign-up';
import { connectDb, disconnectDb, ensureIndexes } from '@/lib/db/connection';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { authenticatePassword, slowdownMs, type AttemptClient } from './authenticate-password';
import {
  dropPendingSignUp,
  findPendingSignUp,
  holdPendingSignUp,
} from '@/lib/users/pending-sign-up';
import { knownDeviceToken, readKnownDeviceToken } from './known-device';
import { hashPassword } from './passwords';

const PASSWORD = 'difference-engine-1822';
let next = 0;

async function newAccount(): Promise<{ id: string; username: string }> {
  next += 1;
  const username = `gate_${next}_${Date.now().toString(36)}`;
  const created = await createAccount({
    email: `${username}@example.com`,
    username,
    password: PASSWORD,
  });
  if (!created.ok) throw new Error('account not created');
  return { id: created.value.userId, username };
}

function from(ip: string, device: AttemptClient['device'] = null): AttemptClient {
  return { ip, device };
}

const noWait = () => Promise.resolve();

beforeAll(async () => {
  await connectDb();
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await deleteTestRedisKeys();
  await disconnectDb();
});

describe('the sign-in gate', () => {
  it('refuses a (account, address) pair past its limit, even the right password, and only that pair', async () => {
    const { username } = await newAccount();
    const stranger = from('203.0.113.10');
    const limit = RATE_LIMITS.signInPerAccountAndClient.limit;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      expect(
        await authenticatePassword({ identifier: username, password: 'nope-nope' }, stranger),
      ).toEqual({ status: 'wrong' });
    }
    const limited = await authenticatePassword(
      { identifier: username, password: PASSWORD },
      stranger,
    );
    expect(limited).toMatchObject({ status: 'limited', retryAfterSeconds: expect.any(Number) });

    // The owner, from another address, is never refused because of the stranger.
    const owner = await authenticatePassword(
      { identifier: username, password: PASSWORD },
      from('198.51.100.20'),
    );
    expect(owner).toMatchObject({ status: 'signed-in', user: { username } });
  });

  it('counts an unknown account exactly like a known one', async () => {
    const client = from('203.0.113.11');
    const limit = RATE_LIMITS.signInPerAccountAndClient.limit;
    for (let attempt = 0; attempt < limit; attempt += 1) {
      expect(
        await authenticatePassword({ identifier: 'nobody_here', password: PASSWORD }, client),
      ).toEqual({ status: 'wrong' });
    }
    expect(
      await authenticatePassword({ identifier: 'nobody_here', password: PASSWORD }, client),
    ).toMatchObject({ status: 'limited' });
  });

  it('forgets the failures of a pair once it signs in', async () => {
    const { username } = await newAccount();
    const client = from('203.0.113.12');
    const limit = RATE_LIMITS.signInPerAccountAndClient.limit;
    for (let attempt = 0; attempt < limit - 1; attempt += 1)
      await authenticatePassword({ identifier: username, password: 'typo-typo' }, client);
    expect(
      await authenticatePassword({ identifier: username, password: PASSWORD }, client),
    ).toMatchObject({ status: 'signed-in' });
    for (let attempt = 0; attempt < limit; attempt += 1) {
      expect(
        await authenticatePassword({ identifier: username, password: 'typo-typo' }, client),
      ).toEqual({ status: 'wrong' });
    }
  });

  it('never tells which e-mail belongs to a username: each identifier has its own counter', async () => {
    const account = await newAccount();
    const address = '203.0.113.77';
    for (let attempt = 0; attempt < RATE_LIMITS.signInPerAccountAndClient.limit; attempt += 1)
      await authenticatePassword(
        { identifier: account.username, password: 'guess-guess' },
        from(address),
        { wait: noWait },
      );
    expect(
      await authenticatePassword(
        { identifier: account.username, password: 'guess-guess' },
        from(address),
        { wait: noWait },
      ),
    ).toMatchObject({ status: 'limited' });
    // The account's own e-mail and someone else's answer alike: wrong, not limited.
    for (const identifier of [`${account.username}@example.com`, 'nobody-here@example.com'])
      expect(
        await authenticatePassword({ identifier, password: 'guess-guess' }, from(address), {
          wait: noWait,
        }),
      ).toEqual({ status: 'wrong' });
  });

  it('past the per-account budget slows attempts down with growing waits, never refuses the owner', async () => {
    const account = await newAccount();
    const policy = RATE_LIMITS.signInPerAccount;
    // Strangers from many addresses use up the account's budget.
    for (let attempt = 0; attempt < policy.limit; attempt += 1)
      await hitRateLimit(policy, `name:${account.username.toLowerCase()}`);
    const waits: number[] = [];
    const wait = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(
        await authenticatePassword(
          { identifier: account.username, password: 'guess-guess' },
          from(`203.0.113.${100 + attempt}`),
          { wait },
        ),
      ).toEqual({ status: 'wrong' });
    }
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    const owner = await authenticatePassword(
      { identifier: account.username, password: PASSWORD },
      from('198.51.100.30'),
      { wait },
    );
    expect(owner.status).toBe('signed-in');
    expect(waits.at(-1)).toBe(4000);
  });

  it('lets a browser known to the account past the strangers, counting its own failures', async () => {
    const account = await newAccount();
    const shared = '203.0.113.50';
    // Strangers behind the same address exhaust the pair and the address.
    for (let attempt = 0; attempt < RATE_LIMITS.signInPerIp.limit; attempt += 1)
      await authenticatePassword(
        { identifier: account.username, password: 'guess-guess' },
        from(shared),
        {
          wait: noWait,
        },
      );
    expect(
      await authenticatePassword(
        { identifier: account.username, password: PASSWORD },
        from(shared),
      ),
    ).toMatchObject({ status: 'limited' });

    const device = readKnownDeviceToken(knownDeviceToken(account.id));
    expect(device).not.toBeNull();
    const waits: number[] = [];
    const owner = await authenticatePassword(
      { identifier: account.username, password: PASSWORD },
      from(shared, device),
      { wait: (ms) => Promise.resolve(waits.push(ms)) },
    );
    expect(owner).toMatchObject({ status: 'signed-in' });
    expect(waits).toEqual([]);
    // The same device id comes back, refreshed.
    if (owner.status === 'signed-in')
      expect(readKnownDeviceToken(owner.deviceToken)?.deviceId).toBe(device?.deviceId);

    // A cookie for another account vouches for nothing here.
    const other = await newAccount();
    const foreign = readKnownDeviceToken(knownDeviceToken(other.id));
    expect(
      await authenticatePassword(
        { identifier: account.username, password: PASSWORD },
        from(shared, foreign),
      ),
    ).toMatchObject({ status: 'limited' });
  });

  it('trusts only device cookies it signed, for their lifetime', () => {
    const token = knownDeviceToken('0123456789abcdef01234567');
    expect(readKnownDeviceToken(token)?.userId).toBe('0123456789abcdef01234567');
    const [userId, deviceId, issued, signature] = token.split('.');
    expect(
      readKnownDeviceToken(`fedcba9876543210fedcba98.${deviceId}.${issued}.${signature}`),
    ).toBeNull();
    expect(
      readKnownDeviceToken(`${userId}.${deviceId}.${Number(issued) + 1}.${signature}`),
    ).toBeNull();
    expect(readKnownDeviceToken(`${token}x`)).toBeNull();
    expect(readKnownDeviceToken('garbage')).toBeNull();
    expect(readKnownDeviceToken(token, Date.now() + 181 * 24 * 60 * 60 * 1000)).toBeNull();
  });

  it('computes waits that double from the first and stop at the cap', () => {
    const policy = RATE_LIMITS.signInPerAccount;
    expect(slowdownMs(policy, policy.limit)).toBe(0);
    expect(slowdownMs(policy, policy.limit + 1)).toBe(250);
    expect(slowdownMs(policy, policy.limit + 3)).toBe(1000);
    expect(slowdownMs(policy, policy.limit + 1000)).toBe(4000);
  });

  it('answers the maker of a sign-up for an address with an account as for a new address', async () => {
    const owner = await newAccount();
    const taken = `${owner.username}@example.com`;
    const fresh = `fresh_${owner.username}@example.com`;
    const chosen = 'attacker-chosen-phrase-99';
    // Someone signs up with an address that has an account, and with one that has none.
    for (const [email, username] of [
      [taken, `probe_a${next}`],
      [fresh, `probe_b${next}`],
    ]) {
      expect(await signUp({ email, username, password: chosen })).toMatchObject({ ok: true });
    }
    const client = from('203.0.113.45');
    for (const identifier of [taken, fresh]) {
      expect(await authenticatePassword({ identifier, password: chosen }, client)).toEqual({
        status: 'unconfirmed',
      });
    }
    // The owner still signs in with their own password.
    expect(
      await authenticatePassword({ identifier: taken, password: PASSWORD }, from('203.0.113.46')),
    ).toMatchObject({ status: 'signed-in' });
  });

  it('tells a sign-up not confirmed yet only to someone who gives its password', async () => {
    next += 1;
    const username = `Waiting_${next}_${Date.now().toString(36)}`;
    const email = `${username.toLowerCase()}@example.com`;
    const token = await holdPendingSignUp({
      email,
      username,
      passwordHash: await hashPassword(PASSWORD),
    });
    const client = from('203.0.113.40');
    for (const identifier of [
      email,
      ` ${email.toUpperCase()} `,
      username,
      username.toLowerCase(),
    ]) {
      expect(await authenticatePassword({ identifier, password: PASSWORD }, client)).toEqual({
        status: 'unconfirmed',
      });
      // A wrong password says what it says for an address nobody signed up with.
      expect(await authenticatePassword({ identifier, password: 'wrong-guess-1' }, client)).toEqual(
        { status: 'wrong' },
      );
    }
    expect(
      await authenticatePassword(
        { identifier: `nobody-${username}@example.com`, password: PASSWORD },
        client,
      ),
    ).toEqual({ status: 'wrong' });

    // Once confirmed (the held sign-up dropped), sign-in no longer finds it waiting.
    await dropPendingSignUp(token);
    expect(await findPendingSignUp(email)).toBeNull();
    expect(await findPendingSignUp(username)).toBeNull();
    expect(await authenticatePassword({ identifier: email, password: PASSWORD }, client)).toEqual({
      status: 'wrong',
    });
  });
});
