import { describe, expect, it } from 'vitest';
import { localExecutor } from '@/jobs/runtime';
import { readMailbox } from '@/lib/mail/mailbox';
import { clientIp, fromClient } from '@/lib/testing/client';
import { setUpTestStores } from '@/lib/testing/stores';
import { readPendingSignUp } from '@/lib/users/pending-sign-up';
import { resendSignUpLink } from './resend-sign-up-link';
import { signUp } from './sign-up';

setUpTestStores();

const PASSWORD = 'babbage-and-lovelace-1843';
let next = 0;

async function mailsTo(email: string) {
  await localExecutor().idle();
  return readMailbox(email);
}

function tokenIn(text: string | undefined): string | undefined {
  return /\/signup\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
}

const resend = (identifier: unknown, ip = clientIp()) =>
  fromClient(ip, () => resendSignUpLink({ identifier }));

describe('resending a sign-up confirmation link', () => {
  it('mails a new working link to a waiting sign-up, and answers the same for anyone else', async () => {
    next += 1;
    const username = `Resend_${next}_${Date.now().toString(36)}`;
    const email = `${username.toLowerCase()}@example.com`;
    expect(
      (await fromClient(clientIp(), () => signUp({ email, username, password: PASSWORD }))).ok,
    ).toBe(true);
    expect(await mailsTo(email)).toHaveLength(1);

    const known = await resend(email.toUpperCase());
    const byName = await resend(username);
    const unknown = await resend(`nobody-${username}@example.com`);
    expect(known).toEqual({ ok: true, value: { sent: true } });
    expect(byName).toEqual(known);
    expect(unknown).toEqual(known);
    expect(await mailsTo(`nobody-${username}@example.com`)).toHaveLength(0);

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(3);
    const tokens = mails.map((mail) => tokenIn(mail.text));
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) {
      expect(await readPendingSignUp(token ?? '')).toMatchObject({ email, username });
    }
  });

  it('is limited per address (3 an hour) and per client (10 an hour), and refuses bad input', async () => {
    next += 1;
    const email = `limited_${next}_${Date.now().toString(36)}@example.com`;
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await resend(email)).ok).toBe(true);
    expect(await resend(email)).toMatchObject({ ok: false, code: 'rate-limited' });

    const ip = clientIp();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await resend(`probe_${attempt}_${next}@example.com`, ip)).ok).toBe(true);
    }
    expect(await resend(`probe_last_${next}@example.com`, ip)).toMatchObject({
      code: 'rate-limited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await resend('')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await resend({ $gt: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await resend('x'.repeat(300))).toMatchObject({ ok: false, code: 'invalid' });
  });
});
