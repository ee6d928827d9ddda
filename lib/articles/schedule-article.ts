import 'server-only';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { changeWithEvents } from '@/lib/jobs/event-intent';
import { enforceAccountLimit } from '@/lib/rate-limit/new-account-limits';
import { withLock } from '@/lib/redis/lock';
import {
  fail,
  failFields,
  fieldErrorsFrom,
  ok,
  parseInput,
  type Result,
} from '@/lib/validation/result';
import { loadOwnArticle, staleVersion } from './access';
import { toEditorArticle, type EditorArticle } from './editor-article';
import { dropAuthorDesks } from './cache';
import { articleScheduled } from './events';
import { HIDDEN_ARTICLE_MESSAGE } from './hide-article';
import { ArticleModel, type Article } from './models';
import { publicationFailure, renderMarkdown } from './render-markdown';
import {
  publishableSchema,
  SCHEDULE_MAX_LEAD_MS,
  SCHEDULE_MIN_LEAD_MS,
  scheduleSchema,
} from './schemas';

/**
 * Schedules a draft (or moves its schedule): it will be published at `publishAt` as it stands
 * then. Checked now as a publication would be (title, body, rendering), so a schedule does not
 * fail silently later; edits meanwhile are checked again when it is published.
 */
export async function scheduleArticle(
  viewer: SignedIn,
  articleId: string,
  input: unknown,
  now = Date.now(),
): Promise<Result<EditorArticle>> {
  const parsed = parseInput(scheduleSchema, input);
  if (!parsed.ok) return parsed;
  const publishAt = new Date(parsed.value.publishAt);
  if (publishAt.getTime() < now + SCHEDULE_MIN_LEAD_MS)
    return failFields({ publishAt: 'Choose a time in the future (or publish it now).' });
  if (publishAt.getTime() > now + SCHEDULE_MAX_LEAD_MS)
    return failFields({ publishAt: 'Choose a time within the next year.' });
  const limited = await enforceAccountLimit('publish', viewer.user);
  if (limited) return limited;
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const current = found.value;
    const refused = await refuseToSchedule(current, parsed.value.baseVersion);
    if (refused) return refused;
    const event = articleScheduled.create(
      { articleId, authorId: viewer.user.id, publishAt: publishAt.toISOString() },
      { id: `article-scheduled:${articleId}:${publishAt.getTime()}` },
    );
    return ok(toEditorArticle(await setSchedule(current, publishAt, event)));
  });
}

/** Takes a draft's schedule back: it stays a draft. */
export async function cancelSchedule(
  viewer: SignedIn,
  articleId: string,
): Promise<Result<EditorArticle>> {
  return withLock(`article:${articleId}`, async () => {
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    if (!found.value.scheduledFor) return fail('conflict', 'This article is not scheduled.');
    return ok(toEditorArticle(await setSchedule(found.value, null, null)));
  });
}

async function refuseToSchedule(current: Article, baseVersion: number | undefined) {
  if (current.status !== 'draft') return fail('conflict', 'This article is already published.');
  if (current.hiddenAt) return fail('forbidden', HIDDEN_ARTICLE_MESSAGE);
  const stale = staleVersion(current, baseVersion);
  if (stale) return stale;
  const ready = publishableSchema.safeParse(current);
  if (!ready.success) return failFields(fieldErrorsFrom(ready.error));
  return publicationFailure(await renderMarkdown(current.body));
}

/** Writes the schedule (a new version, so other tabs notice), with the job's event if any. */
async function setSchedule(
  current: Article,
  scheduledFor: Date | null,
  event: ReturnType<typeof articleScheduled.create> | null,
): Promise<Article> {
  const next: Article = { ...current, scheduledFor, version: current.version + 1 };
  await changeWithEvents(event, () =>
    ArticleModel.updateOne(
      { _id: current._id },
      { $set: { scheduledFor, version: next.version } },
    ).then(() => undefined),
  );
  await dropAuthorDesks(current.authorId.toString());
  return next;
}

/**
 * A scheduled publication that cannot happen (the draft no longer passes the checks): its
 * schedule is cleared, so the editor shows an ordinary draft. True when it was still scheduled.
 */
export async function dropFailedSchedule(articleId: string, publishAt: string): Promise<boolean> {
  const dropped = await ArticleModel.updateOne(
    { _id: articleId, status: 'draft', scheduledFor: new Date(publishAt) },
    { $set: { scheduledFor: null }, $inc: { version: 1 } },
  );
  if (dropped.modifiedCount !== 1) return false;
  const row = await ArticleModel.findById(articleId, { authorId: 1 }).lean();
  if (row) await dropAuthorDesks(row.authorId.toString());
  return true;
}
