import mongoose from 'mongoose';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { OutboxEventModel } from '@/lib/jobs/outbox-model';
import { listMediaFolder } from '@/lib/media/media-store';
import { IMAGE_KINDS } from '@/lib/media/names';
import { setAvatar } from '@/lib/profiles/avatar';
import { runAdminCommand } from '@/scripts/admin';
import { createSession, readSession } from '@/lib/sessions/session-store';
import { openArticleCase, reportArticle, withRole } from '@/lib/testing/moderation';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { suspendedUntil } from '@/lib/users/suspension';
import { UserModel } from '@/lib/users/user-model';
import { actOnCase } from './act-on-case';
import { appealHiding } from './appeal';
import { closeCase } from './close-case';
import { listAudit } from './list-audit';
import { listQueue } from './list-queue';
import { OUTRANKED, YOU_HID, YOU_REPORTED } from './may-decide';
import { AuditEntryModel, ModerationCaseModel } from './models';
import { reportItem } from './report-item';

setUpTestStores();

const hide = { action: 'hide', reason: 'Spam.' };
const suspend = { action: 'suspend', reason: 'Spam wave.', days: 1 };

describe('hide and suspend', () => {
  it('reach only people of a lower role: moderators members, admins moderators too', async () => {
    const [moderator, otherModerator, admin, otherAdmin] = await Promise.all([
      withRole('moderator'),
      withRole('moderator'),
      withRole('admin'),
      withRole('admin'),
    ]);
    const aboutModerator = await openArticleCase({ author: otherModerator });
    const aboutAdmin = await openArticleCase({ author: otherAdmin });
    for (const input of [hide, suspend]) {
      expect(await actOnCase(moderator.viewer, aboutModerator.caseId, input)).toEqual({
        ok: false,
        code: 'forbidden',
        formError: OUTRANKED.moderator,
      });
      for (const actor of [moderator, admin])
        expect(await actOnCase(actor.viewer, aboutAdmin.caseId, input)).toEqual({
          ok: false,
          code: 'forbidden',
          formError: OUTRANKED.admin,
        });
    }
    expect(await suspendedUntil(otherModerator.id)).toBeNull();
    expect(await suspendedUntil(otherAdmin.id)).toBeNull();
    expect(await AuditEntryModel.countDocuments({ subjectId: otherAdmin.id })).toBe(0);
    // Dismissing stays open to any moderator; an admin may suspend a moderator.
    expect(
      await actOnCase(moderator.viewer, aboutAdmin.caseId, { action: 'dismiss', reason: 'Fine.' }),
    ).toMatchObject({ ok: true });
    expect(await actOnCase(admin.viewer, aboutModerator.caseId, suspend)).toMatchObject({
      ok: true,
    });
    expect(await suspendedUntil(otherModerator.id)).not.toBeNull();
    const aboutMember = await openArticleCase();
    expect(await actOnCase(moderator.viewer, aboutMember.caseId, hide)).toMatchObject({ ok: true });
  });
});

describe('nobody decides', () => {
  it('a case they reported in this round: another moderator does', async () => {
    const [reporter, other] = await Promise.all([withRole('moderator'), withRole('moderator')]);
    const { caseId } = await openArticleCase({ reporter });
    for (const input of [hide, suspend, { action: 'dismiss', reason: 'Fine after all.' }])
      expect(await actOnCase(reporter.viewer, caseId, input)).toEqual({
        ok: false,
        code: 'forbidden',
        formError: YOU_REPORTED,
      });
    expect(await actOnCase(other.viewer, caseId, hide)).toMatchObject({ ok: true });
  });

  it('the appeal of a hiding they decided: another moderator does', async () => {
    const [hider, other] = await Promise.all([withRole('moderator'), withRole('moderator')]);
    const { author, caseId } = await openArticleCase();
    expect((await actOnCase(hider.viewer, caseId, hide)).ok).toBe(true);
    const appealed = await appealHiding(author.viewer, caseId, { text: 'It was not spam at all.' });
    expect(appealed.ok).toBe(true);
    for (const action of ['restore', 'keep-hidden'])
      expect(await actOnCase(hider.viewer, caseId, { action, reason: 'Checked again.' })).toEqual({
        ok: false,
        code: 'forbidden',
        formError: YOU_HID,
      });
    expect(
      await actOnCase(other.viewer, caseId, { action: 'restore', reason: 'Not spam.' }),
    ).toMatchObject({ ok: true, value: { action: 'restore' } });
  });
});

describe('npm run admin -- unsuspend', () => {
  it('lifts a suspension at once, ends nothing, and is audited as the cli', async () => {
    const moderator = await withRole('moderator');
    const { author, caseId } = await openArticleCase();
    expect((await actOnCase(moderator.viewer, caseId, suspend)).ok).toBe(true);
    expect(await suspendedUntil(author.id)).not.toBeNull();
    const session = await createSession(author.id, { userAgent: 'test', ip: '198.51.100.7' });

    expect(await runAdminCommand(['unsuspend', author.username, 'A', 'mistake.'])).toEqual({
      code: 0,
      message: `${author.username} may sign in again.`,
    });
    expect(await suspendedUntil(author.id)).toBeNull();
    expect(await readSession(session.id)).not.toBeNull();
    expect(
      await AuditEntryModel.findOne({ subjectId: author.id, action: 'unsuspend' }).lean(),
    ).toMatchObject({ actorId: null, actorLabel: 'cli', targetKind: 'user', reason: 'A mistake.' });

    expect(await runAdminCommand(['unsuspend', author.username])).toEqual({
      code: 1,
      message: `${author.username} is not suspended.`,
    });
    const nobody = await makeUser('nobody');
    expect((await runAdminCommand(['unsuspend', `${nobody.username}x`])).code).toBe(1);
    expect((await runAdminCommand(['unsuspend'])).code).toBe(1);
  });
});

describe('hiding a profile', () => {
  it('deletes the stored renditions of its picture, as "Remove picture" does', async () => {
    const [moderator, person, reporter] = await Promise.all([
      withRole('moderator'),
      makeUser('pictured'),
      makeUser('reporter'),
    ]);
    const png = await sharp({
      create: { width: 300, height: 300, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer();
    expect((await setAvatar(person.viewer, png)).ok).toBe(true);
    const folder = `${IMAGE_KINDS.avatar.folder}/${person.id}/`;
    expect((await listMediaFolder(folder)).length).toBeGreaterThan(0);
    const reported = await reportItem(reporter.viewer, {
      kind: 'profile',
      id: person.id,
      reason: 'harassment',
    });
    expect(reported.ok).toBe(true);
    const found = await ModerationCaseModel.findOne({ targetKey: `profile:${person.id}` }).lean();
    expect(await actOnCase(moderator.viewer, found!._id.toString(), hide)).toMatchObject({
      ok: true,
    });
    expect(await listMediaFolder(folder)).toEqual([]);
    expect(await UserModel.findById(person.id, { avatar: 1 }).lean()).toMatchObject({
      avatar: null,
    });
  });
});

describe('closing a case', () => {
  it('closes only the case as it was read: a second, concurrent decision changes nothing', async () => {
    const [first, second] = await Promise.all([withRole('moderator'), withRole('moderator')]);
    const { articleId, caseId } = await openArticleCase();
    const read = await ModerationCaseModel.findById(caseId).lean();
    const as = (person: typeof first) => ({ id: person.id, username: person.username });
    const dismiss = { action: 'dismiss', reason: 'Not spam.', until: null } as const;
    expect(await closeCase(read!, dismiss, as(first))).toBe(true);
    // Both read the open case before either closed it (a lock that ran out, say).
    const later = { action: 'hide', reason: 'Spam.', until: null } as const;
    expect(await closeCase(read!, later, as(second))).toBe(false);
    // Its events were forgotten, not sent: nothing was hidden.
    expect(await OutboxEventModel.countDocuments({ _id: `item-hidden:${caseId}:1:hide` })).toBe(0);
    // Reported again: a new round, which a decision on the old one does not close either.
    expect((await reportArticle(await makeUser('reporter'), articleId)).ok).toBe(true);
    expect(await closeCase(read!, later, as(second))).toBe(false);
    expect(await ModerationCaseModel.findById(caseId).lean()).toMatchObject({
      status: 'open',
      round: 2,
      outcome: { action: 'dismiss', reason: 'Not spam.' },
    });
    expect(await AuditEntryModel.find({ caseId }, { action: 1 }).lean()).toMatchObject([
      { action: 'dismiss' },
    ]);
  });
});

describe('the queue and the audit log', () => {
  it('name the people concerned, each read by its _id (no $in over the users)', async () => {
    const admin = await withRole('admin');
    const { author, caseId } = await openArticleCase();
    const suspended = await openArticleCase();
    expect((await actOnCase(admin.viewer, suspended.caseId, suspend)).ok).toBe(true);
    const userQueries: unknown[] = [];
    mongoose.set('debug', (collection: string, _method: string, query: unknown) => {
      if (collection === 'users') userQueries.push(query);
    });
    try {
      const queue = await listQueue(admin.viewer);
      if (!queue.ok) throw new Error(JSON.stringify(queue));
      expect(queue.value.entries.find((entry) => entry.id === caseId)?.author).toMatchObject({
        username: author.username,
        suspendedUntil: null,
      });
      const audit = await listAudit(admin.viewer);
      if (!audit.ok) throw new Error(JSON.stringify(audit));
      expect(audit.value.find((line) => line.action === 'suspend')).toMatchObject({
        subject: suspended.author.username,
      });
    } finally {
      mongoose.set('debug', false);
    }
    expect(userQueries.length).toBeGreaterThan(0);
    expect(JSON.stringify(userQueries)).not.toContain('$in');
  });
});
