import { describe, expect, it } from 'vitest';
import { ArticleModel } from '@/lib/articles/models';
import { jobsIdle } from '@/lib/jobs/runtime';
import { NotificationModel } from '@/lib/notifications/model';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { createSession, listSessions, readSession } from '@/lib/sessions/session-store';
import { setUpTestStores } from '@/lib/testing/stores';
import {
  openArticleCase,
  publishedBy,
  reportArticle,
  withRole,
  type Person,
} from '@/lib/testing/moderation';
import { makeUser } from '@/lib/testing/users';
import { suspendedMessage, suspendedUntil } from '@/lib/users/suspension';
import { actOnCase } from './act-on-case';
import { listAudit } from './list-audit';
import { listQueue } from './list-queue';
import { AuditEntryModel, ModerationCaseModel } from './models';
import { tellAuthor, tellReporters, reportersOf } from './notify-outcome';
import { OTHER_NEEDS_A_NOTE } from './report-item';
import { changeModerator } from './set-role';

setUpTestStores();

const report = reportArticle;
const openCase = () => openArticleCase();

describe('reports', () => {
  it('collapse into one case per item, with a count and a count per reason', async () => {
    const author = await makeUser('author');
    const reporters = await Promise.all([1, 2, 3].map(() => makeUser('reporter')));
    const articleId = await publishedBy(author);
    await Promise.all([
      report(reporters[0]!, articleId, 'spam'),
      report(reporters[1]!, articleId, 'spam', 'Pills.'),
      report(reporters[2]!, articleId, 'harassment'),
    ]);
    // The same person again (another reason too) changes nothing.
    expect(await report(reporters[0]!, articleId, 'illegal')).toEqual({
      ok: true,
      value: { reported: true, alreadyReported: true },
    });
    const cases = await ModerationCaseModel.find({ targetKey: `article:${articleId}` }).lean();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      status: 'open',
      reportCount: 3,
      reasons: { spam: 2, harassment: 1, illegal: 0, other: 0 },
      notes: ['Pills.'],
    });
  });

  it('are limited per account', async () => {
    const [author, reporter] = await Promise.all([makeUser('author'), makeUser('reporter')]);
    const articleId = await publishedBy(author);
    const policy = RATE_LIMITS.reportsPerAccount;
    await Promise.all(
      Array.from({ length: policy.limit }, () => hitRateLimit(policy, reporter.id)),
    );
    expect(await report(reporter, articleId)).toMatchObject({
      ok: false,
      code: 'rate-limited',
      formError: expect.stringMatching(/^Too many reports\. Please wait/),
    });
    expect(await ModerationCaseModel.countDocuments({ targetKey: `article:${articleId}` })).toBe(0);
  });

  it('for "Other" need a note saying what is wrong', async () => {
    const [author, reporter] = await Promise.all([makeUser('author'), makeUser('reporter')]);
    const articleId = await publishedBy(author);
    for (const note of [undefined, '   '])
      expect(await report(reporter, articleId, 'other', note)).toEqual({
        ok: false,
        code: 'invalid',
        fieldErrors: { note: OTHER_NEEDS_A_NOTE },
      });
    expect((await report(reporter, articleId, 'other', 'It copies my article.')).ok).toBe(true);
  });
});

describe('roles', () => {
  it('refuse every moderation operation to a member, admin-only ones to a moderator', async () => {
    const [member, moderator, admin] = await Promise.all([
      makeUser('member'),
      withRole('moderator'),
      withRole('admin'),
    ]);
    const { caseId } = await openCase();
    const forbidden = { ok: false, code: 'forbidden' };
    const decide = (person: Person) =>
      actOnCase(person.viewer, caseId, { action: 'dismiss', reason: 'Not spam.' });
    const name = (person: Person) =>
      changeModerator(person.viewer, {
        username: member.username,
        action: 'grant',
        reason: 'Helps a lot.',
      });

    for (const action of ['hide', 'suspend', 'dismiss', 'restore', 'keep-hidden'])
      expect(
        await actOnCase(member.viewer, caseId, { action, reason: 'Because.', days: 1 }),
      ).toMatchObject(forbidden);
    expect(await listQueue(member.viewer)).toMatchObject(forbidden);
    expect(await listAudit(member.viewer)).toMatchObject(forbidden);
    expect(await name(member)).toMatchObject(forbidden);

    expect((await listQueue(moderator.viewer)).ok).toBe(true);
    expect(await listAudit(moderator.viewer)).toMatchObject(forbidden);
    expect(await name(moderator)).toMatchObject(forbidden);
    expect(await decide(moderator)).toMatchObject({ ok: true, value: { action: 'dismiss' } });

    expect((await listQueue(admin.viewer)).ok).toBe(true);
    expect((await listAudit(admin.viewer)).ok).toBe(true);
    expect(await name(admin)).toMatchObject({ ok: true, value: { role: 'moderator' } });
    // Read from MongoDB each time: the member named just now may moderate at once.
    expect((await listQueue(member.viewer)).ok).toBe(true);
    expect(await AuditEntryModel.countDocuments({ caseId })).toBe(1);
  });
});

describe('actions', () => {
  it('suspend ends every session of the author and refuses their sign-in until then', async () => {
    const moderator = await withRole('moderator');
    const { author, caseId } = await openCase();
    const client = { userAgent: 'test', ip: '198.51.100.7' };
    const sessions = await Promise.all([
      createSession(author.id, client),
      createSession(author.id, client),
    ]);
    const suspended = await actOnCase(moderator.viewer, caseId, {
      action: 'suspend',
      reason: 'Spam wave.',
      days: 3,
    });
    if (!suspended.ok) throw new Error(JSON.stringify(suspended));
    expect(await listSessions(author.id)).toEqual([]);
    for (const session of sessions) expect(await readSession(session.id)).toBeNull();
    // What the sign-in callback (lib/auth/auth.ts) reads for every way in.
    const until = await suspendedUntil(author.id);
    expect(until?.toISOString()).toBe(suspended.value.until);
    expect(until!.getTime() - Date.now()).toBeGreaterThan(3 * 24 * 60 * 60 * 1000 - 60_000);
    expect(suspendedMessage(until!)).toMatch(/^This account is suspended until .+\. You cannot/);
    expect(await suspendedUntil(author.id, new Date(until!.getTime() + 1))).toBeNull();
    const entry = await AuditEntryModel.findOne({ caseId }).lean();
    expect(entry).toMatchObject({ action: 'suspend', reason: 'Spam wave.', until });
  });

  it('hide is idempotent: a retry adds no second audit entry or notification', async () => {
    const moderator = await withRole('moderator');
    const { author, articleId, caseId } = await openCase();
    const hide = () => actOnCase(moderator.viewer, caseId, { action: 'hide', reason: 'Spam.' });
    const [first, second] = await Promise.all([hide(), hide()]);
    expect([first, second].filter((outcome) => outcome.ok)).toHaveLength(1);
    expect([first, second].find((outcome) => !outcome.ok)).toMatchObject({ code: 'conflict' });
    expect(await hide()).toMatchObject({ ok: false, code: 'conflict' });
    await jobsIdle();
    expect(await ArticleModel.findById(articleId, { status: 1, hiddenAt: 1 }).lean()).toMatchObject(
      { status: 'draft', hiddenAt: expect.any(Date) },
    );
    expect(await AuditEntryModel.countDocuments({ caseId })).toBe(1);
    const told = () =>
      Promise.all([
        NotificationModel.countDocuments({ userId: author.id, kind: 'moderation' }),
        NotificationModel.countDocuments({ subjectId: caseId, kind: 'report-handled' }),
      ]);
    expect(await told()).toEqual([1, 1]);
    // The notification job's steps run again (a retry): each notice is keyed, none is added.
    await tellAuthor(caseId, 1, 'hide', author.id);
    await tellReporters(caseId, await reportersOf(caseId, 1, null));
    expect(await told()).toEqual([1, 1]);
  });
});
