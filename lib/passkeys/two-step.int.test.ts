import { describe, expect, it } from 'vitest';
import { turnOffTwoStep } from '@/lib/accounts/turn-off-two-step';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { UserModel } from '@/lib/users/user-model';
import { RECOVERY_CODE_COUNT } from './cache';
import { RecoveryCodeModel } from './models';
import {
  countWrongAnswer,
  finishPendingSignIn,
  holdSignIn,
  readPendingSignIn,
} from './pending-sign-in';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes';
import { requiresSecondStep } from './requires-second-step';
import { recoveryCodeSchema } from './schemas';
import { spendRecoveryCode } from './spend-recovery-code';
import { turnOnTwoStep } from './turn-on-two-step';
import { twoStepStatus } from './two-step-status';

setUpTestStores();

const PASSWORD = 'ink-and-quill-2026';
const normal = (code: string) => recoveryCodeSchema.parse(code);

async function withTwoStep() {
  const person = await makeUser('ts');
  const on = await turnOnTwoStep(person.viewer);
  if (!on.ok) throw new Error(JSON.stringify(on));
  return { person, codes: on.value.recoveryCodes };
}

describe('two-step sign-in', () => {
  it('turned on, answers ten distinct codes once and keeps only keyed digests', async () => {
    const { person, codes } = await withTwoStep();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await requiresSecondStep(person.id)).toBe(true);
    const stored = await RecoveryCodeModel.find({ userId: person.id }).lean();
    const text = JSON.stringify(stored);
    for (const code of codes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(normal(code));
    }
    expect(await turnOnTwoStep(person.viewer)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('takes each recovery code once, in any case and spacing; another person’s code is not theirs', async () => {
    const { person, codes } = await withTwoStep();
    const other = await withTwoStep();
    const [first = '', second = ''] = codes;
    expect(await spendRecoveryCode(other.person.id, normal(first))).toBe(false);
    expect(await spendRecoveryCode(person.id, normal(` ${first.toUpperCase()} `))).toBe(true);
    expect(await spendRecoveryCode(person.id, normal(first))).toBe(false);
    // Two requests racing with one code: exactly one gets through.
    const raced = await Promise.all(
      Array.from({ length: 8 }, () => spendRecoveryCode(person.id, normal(second))),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await twoStepStatus(person.id)).codesLeft).toBe(RECOVERY_CODE_COUNT - 2);
  });

  it('regenerating replaces every earlier code', async () => {
    const { person, codes } = await withTwoStep();
    const again = await regenerateRecoveryCodes(person.viewer);
    if (!again.ok) throw new Error('not regenerated');
    expect(await spendRecoveryCode(person.id, normal(codes[0] ?? ''))).toBe(false);
    expect(await spendRecoveryCode(person.id, normal(again.value.recoveryCodes[0] ?? ''))).toBe(
      true,
    );
  });

  it('turns off only with the current password, and forgets the codes', async () => {
    const { person } = await withTwoStep();
    expect(await turnOffTwoStep(person.viewer, { currentPassword: 'not-it-at-all' })).toMatchObject(
      {
        ok: false,
        fieldErrors: { currentPassword: 'This is not your current password.' },
      },
    );
    expect(await requiresSecondStep(person.id)).toBe(true);
    expect(await turnOffTwoStep(person.viewer, { currentPassword: PASSWORD })).toEqual({
      ok: true,
      value: { enabled: false },
    });
    expect(await requiresSecondStep(person.id)).toBe(false);
    expect(await RecoveryCodeModel.countDocuments({ userId: person.id })).toBe(0);
  });

  it('is not offered to an account without a password (GitHub or Google)', async () => {
    const person = await makeUser('ts');
    await UserModel.updateOne({ _id: person.id }, { $unset: { passwordHash: 1 } });
    expect(await turnOnTwoStep(person.viewer)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await twoStepStatus(person.id)).toMatchObject({ enabled: false, hasPassword: false });
  });
});

describe('the half-signed-in state', () => {
  it('is held under a digest of its ticket, ends once, and dies after five wrong answers', async () => {
    const ticket = await holdSignIn('a'.repeat(24), 'device-token');
    const pending = await readPendingSignIn(ticket);
    expect(pending).toMatchObject({ userId: 'a'.repeat(24), deviceToken: 'device-token' });
    expect(pending?.ticketDigest).not.toBe(ticket);
    expect(await readPendingSignIn('x'.repeat(43))).toBeNull();
    if (!pending) throw new Error('no pending sign-in');
    expect(await finishPendingSignIn(pending)).toBe(true);
    expect(await finishPendingSignIn(pending)).toBe(false);
    expect(await readPendingSignIn(ticket)).toBeNull();

    const guessed = await holdSignIn('b'.repeat(24), 'device-token');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await readPendingSignIn(guessed);
      if (!current) throw new Error(`gone after ${attempt} wrong answers`);
      await countWrongAnswer(current);
    }
    expect(await readPendingSignIn(guessed)).toBeNull();
  });
});
