import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { readMailbox } from '@/lib/mail/mailbox';
import { durableRedis } from '@/lib/redis';
import { SoftwareAuthenticator } from '@/lib/testing/software-authenticator';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { UserModel } from '@/lib/users/user-model';
import { addPasskey } from './add-passkey';
import { CHALLENGE_TTL_SECONDS, passkeyKeys } from './cache';
import { authenticationResponseSchema } from './credential-schemas';
import { listPasskeys } from './list-passkeys';
import { PasskeyModel } from './models';
import { holdSignIn, readPendingSignIn } from './pending-sign-in';
import { relyingParty } from './relying-party';
import { removePasskey } from './remove-passkey';
import { startAddingPasskey } from './start-adding-passkey';
import { startPasskeySignIn } from './start-passkey-sign-in';
import { startSecondStepPasskey } from './start-second-step-passkey';
import { verifyPasskey } from './verify-passkey';

setUpTestStores();

type Person = Awaited<ReturnType<typeof makeUser>>;

function newAuthenticator(origin = relyingParty().origin) {
  return new SoftwareAuthenticator(origin, relyingParty().rpID);
}

async function withPasskey(person: Person, name = 'Laptop') {
  const authenticator = newAuthenticator();
  const started = await startAddingPasskey(person.viewer, { name });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const added = await addPasskey(person.viewer, {
    name,
    response: authenticator.register(started.value.options),
  });
  if (!added.ok) throw new Error(JSON.stringify(added));
  return { authenticator, id: added.value.id };
}

async function signInChallenge() {
  const started = await startPasskeySignIn();
  if (!started.ok) throw new Error(JSON.stringify(started));
  return started.value.options;
}

const answer = (raw: unknown) => authenticationResponseSchema.parse(raw);

describe('adding a passkey', () => {
  it('stores the key under its name, with its flags, for the person the challenge was issued to', async () => {
    const person = await makeUser('pk');
    const { authenticator } = await withPasskey(person, 'Work laptop');
    expect(await listPasskeys(person.id)).toEqual([
      expect.objectContaining({ name: 'Work laptop', lastUsedAt: null, synced: true }),
    ]);
    const stored = await PasskeyModel.findOne({ credentialId: authenticator.id }).lean();
    expect(stored).toMatchObject({ counter: 0, backedUp: true, deviceType: 'multiDevice' });
    // The owner is told at their address: a passkey signs in without the password.
    await localExecutor().idle();
    const [notice] = await readMailbox(`${person.username}@example.com`);
    expect(notice?.subject).toBe('A passkey was added to your Inkwell account');
    expect(notice?.text).toContain('"Work laptop"');
    expect(notice?.text).toContain('/password-reset');
  });

  it('refuses a name that is empty or too long before asking the authenticator', async () => {
    const person = await makeUser('pk');
    for (const name of ['', '   ', 'x'.repeat(61), 'tab\there'])
      expect(await startAddingPasskey(person.viewer, { name })).toMatchObject({
        ok: false,
        fieldErrors: { name: expect.stringContaining('Give the passkey a name') },
      });
  });

  it('takes each challenge once, and only from the person it was issued to', async () => {
    const owner = await makeUser('pk');
    const other = await makeUser('pk');
    const authenticator = newAuthenticator();
    const started = await startAddingPasskey(owner.viewer, { name: 'Phone' });
    if (!started.ok) throw new Error('no options');
    const response = authenticator.register(started.value.options);
    // Someone else presenting the owner's challenge gets nothing, and uses it up.
    expect(await addPasskey(other.viewer, { name: 'Phone', response })).toMatchObject({
      ok: false,
      code: 'gone',
    });
    expect(await addPasskey(owner.viewer, { name: 'Phone', response })).toMatchObject({
      ok: false,
      code: 'gone',
    });
    expect(await listPasskeys(owner.id)).toEqual([]);
    expect(await listPasskeys(other.id)).toEqual([]);
  });

  it('refuses an answer made for another origin (a phishing site)', async () => {
    const person = await makeUser('pk');
    const started = await startAddingPasskey(person.viewer, { name: 'Phone' });
    if (!started.ok) throw new Error('no options');
    const response = newAuthenticator().register(started.value.options, {
      origin: 'https://inkwell.example.net',
    });
    expect(await addPasskey(person.viewer, { name: 'Phone', response })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});

describe('signing in with a passkey', () => {
  it('names the passkey’s owner, moves the counter and notes the use; a replay finds no challenge', async () => {
    const person = await makeUser('pk');
    const { authenticator } = await withPasskey(person);
    const response = answer(authenticator.authenticate(await signInChallenge()));
    expect(await verifyPasskey(response, { purpose: 'sign-in' })).toMatchObject({
      status: 'verified',
      userId: person.id,
    });
    const stored = await PasskeyModel.findOne({ credentialId: authenticator.id }).lean();
    expect(stored?.counter).toBe(1);
    expect(stored?.lastUsedAt).toBeInstanceOf(Date);
    expect(await verifyPasskey(response, { purpose: 'sign-in' })).toEqual({
      status: 'challenge-gone',
    });
  });

  it('refuses a passkey used without its lock (no user verification): alone it is one factor', async () => {
    const person = await makeUser('pk');
    const { authenticator } = await withPasskey(person);
    const options = await signInChallenge();
    expect(options.userVerification).toBe('required');
    const unlocked = answer(authenticator.authenticate(options, { verified: false }));
    expect(await verifyPasskey(unlocked, { purpose: 'sign-in' })).toEqual({ status: 'refused' });
  });

  it('forgets a challenge after its short lifetime', async () => {
    const person = await makeUser('pk');
    const { authenticator } = await withPasskey(person);
    const options = await signInChallenge();
    const store = durableRedis();
    const key = passkeyKeys.challenge(options.challenge);
    const ttl = await store.one(store.cmd.ttl(key));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(CHALLENGE_TTL_SECONDS);
    await store.one(store.cmd.expire(key, 1));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(
      await verifyPasskey(answer(authenticator.authenticate(options)), { purpose: 'sign-in' }),
    ).toEqual({ status: 'challenge-gone' });
  });

  it('refuses a cloned authenticator (counter not moving forward), another origin or RP ID', async () => {
    const person = await makeUser('pk');
    const { authenticator } = await withPasskey(person);
    const first = answer(authenticator.authenticate(await signInChallenge(), { counter: 5 }));
    expect((await verifyPasskey(first, { purpose: 'sign-in' })).status).toBe('verified');
    for (const bend of [
      { counter: 5 },
      { counter: 4 },
      { origin: 'https://inkwell.example.net' },
      { rpID: 'example.net' },
    ]) {
      const response = answer(authenticator.authenticate(await signInChallenge(), bend));
      expect(await verifyPasskey(response, { purpose: 'sign-in' }), JSON.stringify(bend)).toEqual({
        status: 'refused',
      });
    }
  });

  it('never signs in as the account a tampered user handle names, nor for a deleted account', async () => {
    const victim = await makeUser('pk');
    const attacker = await makeUser('pk');
    await withPasskey(victim);
    const { authenticator } = await withPasskey(attacker);
    const victimHandle = Buffer.from(victim.id, 'hex').toString('base64url');
    const tampered = answer(
      authenticator.authenticate(await signInChallenge(), { userHandle: victimHandle }),
    );
    expect(await verifyPasskey(tampered, { purpose: 'sign-in' })).toEqual({ status: 'refused' });

    await UserModel.deleteOne({ _id: attacker.id });
    const orphan = answer(authenticator.authenticate(await signInChallenge()));
    expect(await verifyPasskey(orphan, { purpose: 'sign-in' })).toEqual({ status: 'refused' });
  });

  it('in a second step, accepts only the pending person’s passkey and that sign-in’s challenge', async () => {
    const person = await makeUser('pk');
    const other = await makeUser('pk');
    const own = await withPasskey(person);
    const foreign = await withPasskey(other);
    const ticket = await holdSignIn(person.id, 'device-token');
    const pending = await readPendingSignIn(ticket);
    if (!pending) throw new Error('no pending sign-in');
    const purpose = { purpose: 'second-step' as const, ticketDigest: pending.ticketDigest };
    const options = async () => {
      const started = await startSecondStepPasskey(ticket);
      if (!started.ok) throw new Error(JSON.stringify(started));
      expect(started.value.options.allowCredentials?.map((entry) => entry.id)).toEqual([
        own.authenticator.id,
      ]);
      return started.value.options;
    };
    const wrongKey = answer(foreign.authenticator.authenticate(await options()));
    expect(await verifyPasskey(wrongKey, purpose, person.id)).toEqual({ status: 'refused' });
    // A sign-in page's challenge is no second step's.
    const fromSignIn = answer(own.authenticator.authenticate(await signInChallenge()));
    expect(await verifyPasskey(fromSignIn, purpose, person.id)).toEqual({
      status: 'challenge-gone',
    });
    const right = answer(own.authenticator.authenticate(await options()));
    expect(await verifyPasskey(right, purpose, person.id)).toMatchObject({ status: 'verified' });
    expect(await startSecondStepPasskey('not-a-ticket')).toMatchObject({ ok: false, code: 'gone' });
  });
});

describe('removing a passkey', () => {
  it('removes one’s own; someone else’s is not found and stays', async () => {
    const owner = await makeUser('pk');
    const stranger = await makeUser('pk');
    const { id } = await withPasskey(owner);
    expect(await removePasskey(stranger.viewer, { id })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await listPasskeys(owner.id)).toHaveLength(1);
    expect(await removePasskey(owner.viewer, { id })).toEqual({ ok: true, value: { removed: 1 } });
    expect(await listPasskeys(owner.id)).toEqual([]);
  });
});
