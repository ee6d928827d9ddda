import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { hashPassword } from '@/lib/auth/passwords';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { readMailbox } from '@/lib/mail/mailbox';
import { createSession, listSessions } from '@/lib/sessions/session-store';
import { clientIp, fromClient } from '@/lib/testing/client';
import { setUpTestStores } from '@/lib/testing/stores';
import { UserModel } from '@/lib/users/user-model';
import { createAccount } from './create-account';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';

setUpTestStores();

const OLD = 'analytical-engine-1843';
const NEW = 'a-brand-new-passphrase-2026';
let next = 0;

async function newAccount(password: string | null = OLD) {
  next += 1;
  const username = `reset_${next}_${Date.now().toString(36)}`;
  const email = `${username}@example.com`;
  if (password) {
    const created = await createAccount({ email, username, password });
    if (!created.ok) throw new Error('account not created');
    return { id: created.value.userId, username, email };
  }
  // As a GitHub or Google sign-up makes it: no password.
  const user = await UserModel.create({
    email,
    username,
    usernameKey: username,
    displayName: username,
  });
  return { id: user._id.toString(), username, email };
}

async function mailsTo(email: string) {
  await localExecutor().idle();
  return readMailbox(email);
}

async function resetTokenFor(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const token = /\/password-reset\/new\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no reset link in ${mail?.text}`);
  return token;
}

const ask = (email: string, now?: number, ip = clientIp()) =>
  fromClient(ip, () => requestPasswordReset({ email }, now));
const setWith = (token: string, newPassword = NEW, now?: number, ip = clientIp()) =>
  fromClient(ip, () => resetPassword({ token, newPassword }, now));

describe('asking for a password reset', () => {
  it('answers the same for an address with and without an account; only the owner gets a link', async () => {
    const account = await newAccount();
    const unknown = `nobody_${Date.now()}@example.com`;
    const [known, missing] = [await ask(account.email.toUpperCase()), await ask(unknown)];
    expect(known).toEqual({ ok: true, value: { email: account.email } });
    expect(missing).toEqual({ ok: true, value: { email: unknown } });
    const [toOwner] = await mailsTo(account.email);
    expect(toOwner?.text).toMatch(/\/password-reset\/new\?token=[A-Za-z0-9_-]{43}\n/);
    expect(toOwner?.text).toContain('works once, for 60 minutes');
    const [toNobody] = await mailsTo(unknown);
    expect(toNobody?.subject).toBe(toOwner?.subject);
    expect(toNobody?.text).toContain('no account uses it');
    expect(toNobody?.text).not.toMatch(/token=/);
  });

  it('is limited per address (3 an hour) and per client (10 an hour)', async () => {
    const account = await newAccount();
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await ask(account.email)).ok).toBe(true);
    expect(await ask(account.email)).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(await mailsTo(account.email)).toHaveLength(3);

    const ip = clientIp();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await ask(`probe_${attempt}_${next}@example.com`, undefined, ip)).ok).toBe(true);
    }
    expect(await ask(`probe_last_${next}@example.com`, undefined, ip)).toMatchObject({
      code: 'rate-limited',
      retryAfterSeconds: expect.any(Number),
    });
  });
});

describe('setting a new password from the link', () => {
  it('sets it once, ends every session, and the old password stops working', async () => {
    const account = await newAccount();
    await createSession(account.id, { userAgent: 'phone', ip: '198.51.100.1' });
    await createSession(account.id, { userAgent: 'laptop', ip: '198.51.100.2' });
    await ask(account.email);
    const token = await resetTokenFor(account.email);

    expect(await setWith(token, 'password1')).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.stringMatching(/too common/) },
    });
    expect(await setWith(token)).toEqual({
      ok: true,
      value: { redirectTo: '/signin?reset=1', endedSessions: 2 },
    });
    expect(await listSessions(account.id)).toEqual([]);
    expect(await verifyCredentials(account.email, OLD)).toBeNull();
    expect(await verifyCredentials(account.email, NEW)).toMatchObject({ id: account.id });
    // Used: refused, and the password stays the one just set.
    expect(await setWith(token, 'yet-another-passphrase-9')).toMatchObject({ code: 'gone' });
    expect(await verifyCredentials(account.email, NEW)).not.toBeNull();
  });

  it('works for an hour and not after', async () => {
    const account = await newAccount();
    const asked = Date.now();
    await ask(account.email, asked);
    const token = await resetTokenFor(account.email);
    const afterAnHour = asked + 60 * 60 * 1000 + 1;
    expect(await setWith(token, NEW, afterAnHour)).toMatchObject({ code: 'gone' });
    expect(await setWith(token, NEW, asked + 59 * 60 * 1000)).toMatchObject({ ok: true });
  });

  it('is ended by a later password change, or by a later reset', async () => {
    const account = await newAccount();
    await ask(account.email);
    const first = await resetTokenFor(account.email);
    await UserModel.updateOne(
      { _id: account.id },
      { passwordHash: await hashPassword('changed-it-myself-7') },
    );
    expect(await setWith(first)).toMatchObject({ code: 'gone' });

    const other = await newAccount();
    await ask(other.email);
    const older = await resetTokenFor(other.email);
    await ask(other.email);
    const newer = (await mailsTo(other.email))
      .map((mail) => /token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1])
      .find((token) => token !== older) as string;
    expect(await setWith(newer)).toMatchObject({ ok: true });
    expect(await setWith(older, 'an-attackers-passphrase-3')).toMatchObject({ code: 'gone' });
    expect(await verifyCredentials(other.email, NEW)).not.toBeNull();
  });

  it('lets an account made with GitHub or Google set its first password', async () => {
    const account = await newAccount(null);
    expect(await verifyCredentials(account.email, NEW)).toBeNull();
    await ask(account.email);
    expect(await setWith(await resetTokenFor(account.email))).toMatchObject({ ok: true });
    expect(await verifyCredentials(account.username, NEW)).toMatchObject({ id: account.id });
  });

  it('takes one link once, however many use it at the same moment', async () => {
    const account = await newAccount();
    await ask(account.email);
    const token = await resetTokenFor(account.email);
    const results = await Promise.all(
      ['race-passphrase-one-1', 'race-passphrase-two-2', 'race-passphrase-three-3'].map(
        (password) => setWith(token, password),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.code === 'gone')).toHaveLength(2);
  });

  it('refuses malformed and unknown links without touching anything', async () => {
    expect(await setWith('short')).toMatchObject({ fieldErrors: { token: expect.any(String) } });
    expect(await setWith('a'.repeat(43))).toMatchObject({ code: 'gone' });
  });
});
