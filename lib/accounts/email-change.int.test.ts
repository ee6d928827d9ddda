import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { readMailbox } from '@/lib/mail/mailbox';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { createSession } from '@/lib/sessions/session-store';
import { setUpTestStores } from '@/lib/testing/stores';
import { getUserById } from '@/lib/users/cache';
import { UserModel } from '@/lib/users/user-model';
import { confirmEmailChange } from './confirm-email-change';
import { createAccount } from './create-account';
import { requestEmailChange } from './request-email-change';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';

setUpTestStores();

const PASSWORD = 'analytical-engine-1843';
let next = 0;

interface Person {
  viewer: SignedIn;
  email: string;
  username: string;
}

async function signedIn(userId: string, startedAt = Date.now()): Promise<SignedIn> {
  const session = await createSession(userId, { userAgent: 'test', ip: '203.0.113.9' }, startedAt);
  const user = await getUserById(userId);
  if (!user) throw new Error('no user');
  return { user, sessionId: session.id };
}

async function newPerson(password: string | null = PASSWORD, startedAt?: number): Promise<Person> {
  next += 1;
  const username = `move_${next}_${Date.now().toString(36)}`;
  const email = `${username}@example.com`;
  let userId: string;
  if (password) {
    const created = await createAccount({ email, username, password });
    if (!created.ok) throw new Error('account not created');
    userId = created.value.userId;
  } else {
    const user = await UserModel.create({
      email,
      username,
      usernameKey: username,
      displayName: username,
    });
    userId = user._id.toString();
  }
  return { viewer: await signedIn(userId, startedAt), email, username };
}

const newAddress = () => `new_${(next += 1)}_${Date.now().toString(36)}@example.com`;

async function mailsTo(email: string) {
  await localExecutor().idle();
  return readMailbox(email);
}

async function changeTokenFor(email: string): Promise<string> {
  const mail = (await mailsTo(email)).find((kept) => /^Confirm your new/.test(kept.subject));
  const token = /\/settings\/email\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link to ${email}`);
  return token;
}

const storedEmail = async (person: Person) =>
  (await UserModel.findById(person.viewer.user.id, { email: 1 }).lean())?.email;

describe('changing the e-mail address', () => {
  it('needs the current password, and refuses the address already in use', async () => {
    const person = await newPerson();
    const target = newAddress();
    expect(await requestEmailChange(person.viewer, { newEmail: target })).toMatchObject({
      fieldErrors: { currentPassword: 'Enter your current password.' },
    });
    expect(
      await requestEmailChange(person.viewer, {
        newEmail: target,
        currentPassword: 'not-it-at-all',
      }),
    ).toMatchObject({ fieldErrors: { currentPassword: 'This is not your current password.' } });
    expect(
      await requestEmailChange(person.viewer, {
        newEmail: person.email.toUpperCase(),
        currentPassword: PASSWORD,
      }),
    ).toMatchObject({ fieldErrors: { newEmail: 'This is already your email address.' } });
    expect(await mailsTo(target)).toEqual([]);
    expect(await mailsTo(person.email)).toEqual([]);
  });

  it('changes nothing until the link to the new address is confirmed by the account that asked', async () => {
    const person = await newPerson();
    const stranger = await newPerson();
    const target = newAddress();
    const asked = await requestEmailChange(person.viewer, {
      newEmail: target,
      currentPassword: PASSWORD,
    });
    expect(asked).toEqual({ ok: true, value: { email: target } });
    const [notice] = await mailsTo(person.email);
    expect(notice?.subject).toBe('Your Inkwell email address is being changed');
    expect(notice?.text).toContain(target);
    expect(notice?.text).not.toMatch(/token=/);
    const token = await changeTokenFor(target);
    expect(await storedEmail(person)).toBe(person.email);
    expect(await verifyCredentials(target, PASSWORD)).toBeNull();

    // Someone else's link changes nothing on their account, nor uses the link up.
    expect(await confirmEmailChange(stranger.viewer, { token })).toMatchObject({
      code: 'forbidden',
    });
    expect(await storedEmail(stranger)).toBe(stranger.email);
    expect(await storedEmail(person)).toBe(person.email);

    expect(await confirmEmailChange(person.viewer, { token })).toEqual({
      ok: true,
      value: { email: target },
    });
    expect(await storedEmail(person)).toBe(target);
    expect(await verifyCredentials(target, PASSWORD)).toMatchObject({ id: person.viewer.user.id });
    expect(await verifyCredentials(person.email, PASSWORD)).toBeNull();
    expect(await confirmEmailChange(person.viewer, { token })).toMatchObject({ code: 'gone' });
  });

  it('works for 24 hours and not after', async () => {
    const person = await newPerson();
    const target = newAddress();
    const asked = Date.now();
    await requestEmailChange(person.viewer, { newEmail: target, currentPassword: PASSWORD }, asked);
    const token = await changeTokenFor(target);
    const late = asked + 24 * 60 * 60 * 1000 + 1;
    expect(await confirmEmailChange(person.viewer, { token }, late)).toMatchObject({
      code: 'gone',
    });
    expect(await storedEmail(person)).toBe(person.email);
  });

  it('lets the unique index decide when the address was taken in the meantime', async () => {
    const person = await newPerson();
    const target = newAddress();
    await requestEmailChange(person.viewer, { newEmail: target, currentPassword: PASSWORD });
    const token = await changeTokenFor(target);
    const created = await createAccount({
      email: target,
      username: `taker_${next}`,
      password: PASSWORD,
    });
    expect(created.ok).toBe(true);
    expect(await confirmEmailChange(person.viewer, { token })).toMatchObject({ code: 'conflict' });
    expect(await storedEmail(person)).toBe(person.email);
  });

  it('is cancelled by a password reset in between', async () => {
    const person = await newPerson();
    const target = newAddress();
    await requestEmailChange(person.viewer, { newEmail: target, currentPassword: PASSWORD });
    const token = await changeTokenFor(target);
    await runWithRequestContext(
      createRequestContext('r', { ip: '203.0.113.77', userAgent: '' }),
      async () => {
        await requestPasswordReset({ email: person.email });
        const mail = (await mailsTo(person.email)).find((kept) => /^Reset/.test(kept.subject));
        const resetToken = /token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] as string;
        expect(
          await resetPassword({ token: resetToken, newPassword: 'taken-back-passphrase-5' }),
        ).toMatchObject({ ok: true });
      },
    );
    const again = await signedIn(person.viewer.user.id);
    expect(await confirmEmailChange(again, { token })).toMatchObject({ code: 'gone' });
    expect(await storedEmail(person)).toBe(person.email);
  });

  it('takes a recent sign-in instead of a password for an account without one', async () => {
    const now = Date.now();
    const fresh = await newPerson(null, now - 60_000);
    const target = newAddress();
    expect(await requestEmailChange(fresh.viewer, { newEmail: target }, now)).toMatchObject({
      ok: true,
    });
    expect(
      await confirmEmailChange(fresh.viewer, { token: await changeTokenFor(target) }),
    ).toMatchObject({ ok: true });

    const stale = await newPerson(null, now - 11 * 60_000);
    expect(await requestEmailChange(stale.viewer, { newEmail: newAddress() }, now)).toMatchObject({
      ok: false,
      code: 'unauthorized',
      formError: expect.stringMatching(/fresh sign-in/),
    });
  });

  it('is limited per account', async () => {
    const person = await newPerson();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await requestEmailChange(person.viewer, {
        newEmail: newAddress(),
        currentPassword: 'wrong-guess',
      });
    }
    expect(
      await requestEmailChange(person.viewer, {
        newEmail: newAddress(),
        currentPassword: PASSWORD,
      }),
    ).toMatchObject({ code: 'rate-limited' });
  });
});
