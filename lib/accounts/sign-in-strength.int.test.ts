import { describe, expect, it } from 'vitest';
import { PasskeyModel, RecoveryCodeModel, TwoStepModel } from '@/lib/passkeys/models';
import { createSession } from '@/lib/sessions/session-store';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { RECENT_SIGN_IN_MINUTES } from './reauthenticate';
import {
  regenerateRecoveryCodesRecently,
  startAddingPasskeyRecently,
  turnOnTwoStepRecently,
} from './sign-in-strength';

setUpTestStores();

const client = { ip: '203.0.113.9', userAgent: 'test' };

/** A person whose session began `minutesAgo` minutes ago (a borrowed or stolen one, say). */
async function signedInFor(minutesAgo: number) {
  const person = await makeUser('strength');
  const session = await createSession(person.id, client, Date.now() - minutesAgo * 60_000);
  return { ...person, viewer: { user: person.viewer.user, sessionId: session.id } };
}

describe('changes to how an account signs in', () => {
  it('a session older than a few minutes cannot add a passkey, turn on two-step or take new codes', async () => {
    const thief = await signedInFor(RECENT_SIGN_IN_MINUTES + 5);
    expect(await startAddingPasskeyRecently(thief.viewer, { name: 'Attacker key' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await turnOnTwoStepRecently(thief.viewer)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await TwoStepModel.exists({ userId: thief.id })).toBeNull();
    expect(await RecoveryCodeModel.countDocuments({ userId: thief.id })).toBe(0);
    expect(await PasskeyModel.countDocuments({ userId: thief.id })).toBe(0);
  });

  it('an ended or unknown session proves nothing', async () => {
    const person = await makeUser('strength');
    expect(await startAddingPasskeyRecently(person.viewer, { name: 'Key' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('a recent sign-in may do all three', async () => {
    const owner = await signedInFor(1);
    const options = await startAddingPasskeyRecently(owner.viewer, { name: 'Laptop' });
    expect(options.ok).toBe(true);
    const on = await turnOnTwoStepRecently(owner.viewer);
    expect(on.ok).toBe(true);
    expect((await regenerateRecoveryCodesRecently(owner.viewer)).ok).toBe(true);
  });

  it('regenerating codes from an old session is refused and keeps the old codes', async () => {
    const owner = await signedInFor(1);
    const on = await turnOnTwoStepRecently(owner.viewer);
    if (!on.ok) throw new Error(JSON.stringify(on));
    const stale = await createSession(owner.id, client, Date.now() - 60 * 60_000);
    const thief = { user: owner.viewer.user, sessionId: stale.id };
    const before = await RecoveryCodeModel.find({ userId: owner.id }, { digest: 1 }).lean();
    expect(await regenerateRecoveryCodesRecently(thief)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const after = await RecoveryCodeModel.find({ userId: owner.id }, { digest: 1 }).lean();
    expect(after.map((code) => code.digest).sort()).toEqual(
      before.map((code) => code.digest).sort(),
    );
  });
});
