import 'server-only';
import { Types } from 'mongoose';
import type { z } from 'zod';
import { dropCached } from '@/lib/cache/cache-aside';
import { connectDb } from '@/lib/db/connection';
import { announceEvents, type EventIntent } from '@/lib/jobs/event-intent';
import { enforceAccountLimit } from '@/lib/rate-limit/new-account-limits';
import { enforceRateLimits, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { withLock } from '@/lib/redis/lock';
import type { SignedIn } from '@/lib/auth/require-viewer';
import {
  fail,
  failFields,
  fieldErrorsFrom,
  ok,
  parseInput,
  type Failure,
  type Result,
} from '@/lib/validation/result';
import { loadOwnArticle, staleVersion } from './access';
import { composeArticleView } from './article-view';
import { scheduledAuthorRefusal } from './author-may-publish';
import { articleKeys, dropAuthorDesks, storeRenderedView, syncArticleIndexes } from './cache';
import { claimSlug } from './claim-slug';
import { cacheFirstView } from './first-view';
import { toEditorArticle, type EditorArticle } from './editor-article';
import { articleChanged, articleListingChanged, articlePublished } from './events';
import { keepRevision } from './keep-revision';
import { HIDDEN_ARTICLE_MESSAGE } from './hide-article';
import { ArticleModel, type Article } from './models';
import { publicationFailure, renderMarkdown, type RenderedMarkdown } from './render-markdown';
import { articleDraftSchema, publishableSchema } from './schemas';
import { slugify } from './slug';
import { isListed } from './visibility';

/** Starts a draft from whatever the editor has so far. */
export async function createArticle(
  viewer: SignedIn,
  input: unknown,
): Promise<Result<EditorArticle>> {
  const parsed = parseInput(articleDraftSchema, input);
  if (!parsed.ok) return parsed;
  const limited = await enforceRateLimits(
    [[RATE_LIMITS.draftsPerAccount, viewer.user.id]],
    'new articles',
  );
  if (limited) return limited;
  await connectDb();
  const { title = '', body = '', tags = [], visibility = 'public' } = parsed.value;
  const article = await ArticleModel.create({
    authorId: new Types.ObjectId(viewer.user.id),
    title,
    body,
    tags,
    visibility,
    slug: slugify(title),
    status: 'draft',
    version: 1,
  });
  await dropAuthorDesks(viewer.user.id);
  return ok(toEditorArticle(article.toObject()));
}

/**
 * Saves the editor's fields (a draft, or an edit of a published article), or publishes. Runs under
 * the article's lock; a save based on an older version than the stored one is refused, so two
 * tabs never overwrite each other silently. A published article is rendered first (a body beyond
 * the rendering limits is a 422 and nothing is written), then cached at once, its lists updated,
 * and a title edit moves it to a new slug (the old one redirects).
 */
export async function saveArticle(
  viewer: SignedIn,
  articleId: string,
  input: unknown,
  intent: 'save' | 'publish',
): Promise<Result<EditorArticle>> {
  const parsed = parseInput(articleDraftSchema, input);
  if (!parsed.ok) return parsed;
  if (intent === 'publish') {
    const limited = await enforceAccountLimit('publish', viewer.user);
    if (limited) return limited;
  }
  const outcome = await withLock(`article:${articleId}`, () =>
    saveUnderLock(viewer.user.id, articleId, parsed.value, intent),
  );
  if (!outcome.ok) return outcome;
  await outcome.events?.confirm();
  return ok(toEditorArticle(outcome.article));
}

/**
 * Publishes a draft scheduled for `publishAt` (ISO) as its author would (the
 * publish-scheduled-article job); a draft rescheduled, cancelled or published meanwhile is left.
 */
export async function publishOnSchedule(
  articleId: string,
  publishAt: string,
): Promise<Result<EditorArticle>> {
  await connectDb();
  const article = await ArticleModel.findById(articleId, { authorId: 1 }).lean();
  if (!article) return fail('gone', 'This article no longer exists.');
  const refused = await scheduledAuthorRefusal(article.authorId);
  if (refused) return refused;
  const outcome = await withLock(`article:${articleId}`, () =>
    saveUnderLock(article.authorId.toString(), articleId, {}, 'publish', publishAt),
  );
  if (!outcome.ok) return outcome;
  await outcome.events?.confirm();
  return ok(toEditorArticle(outcome.article));
}

type ArticleDraft = z.infer<typeof articleDraftSchema>;
export type Saved = { ok: true; article: Article; events?: EventIntent };

/**
 * The save itself, under the article's lock: checked, rendered when published, then written.
 * Restoring a kept version (restore-revision.ts) saves through it too.
 */
export async function saveUnderLock(
  authorId: string,
  articleId: string,
  draft: ArticleDraft,
  intent: 'save' | 'publish',
  /** Publishing on schedule: only a draft still scheduled for exactly this time (ISO). */
  schedule?: string,
): Promise<Saved | Failure> {
  const found = await loadOwnArticle(authorId, articleId);
  if (!found.ok) return found;
  const current = found.value;
  if (schedule !== undefined && !isScheduledFor(current, schedule))
    return fail('gone', 'This article is no longer scheduled for that time.');
  if (intent === 'save') {
    const limited = await limitSaves(authorId, current);
    if (limited) return limited;
  }
  const { baseVersion, ...changes } = draft;
  const stale = staleVersion(current, baseVersion);
  if (stale) return stale;
  const next: Article = { ...current, ...definedOnly(changes) };
  const publishing = intent === 'publish' && current.status === 'draft';
  if (publishing && current.hiddenAt) return fail('forbidden', HIDDEN_ARTICLE_MESSAGE);
  // A save that changes nothing writes and stamps nothing (autosave, a second "Update").
  if (!publishing && sameContent(current, next)) return { ok: true as const, article: current };
  const published = publishing || current.status === 'published';
  if (published) {
    const ready = publishableSchema.safeParse(next);
    if (!ready.success) return failFields(fieldErrorsFrom(ready.error));
  }
  // What will be published is rendered before anything is written: a body that cannot be
  // rendered within the limits is refused and MongoDB stays as it was. Drafts save any text.
  const rendered = published ? await renderMarkdown(next.body) : null;
  // Every image a reader sees must say what it shows, too.
  const refused = rendered ? publicationFailure(rendered) : null;
  if (refused) return refused;
  await settleNextVersion(authorId, articleId, current, next, { publishing, published });
  const events = await announceEvents(
    publishing
      ? publicationEvent(authorId, articleId, next)
      : editEvents(authorId, articleId, current, next),
  );
  // An update of a published article keeps the text it replaces ("History", issue 20.4).
  if (current.status === 'published') await keepRevision(current);
  await writeArticle(authorId, current, next, rendered?.ok ? rendered.value : null, publishing);
  return { ok: true as const, article: next, events };
}

/** Saves to a published article have their own limit, drafts theirs. */
function limitSaves(authorId: string, current: Article) {
  const editingPublished = current.status === 'published';
  return enforceRateLimits(
    [
      [
        editingPublished ? RATE_LIMITS.publishedEditsPerAccount : RATE_LIMITS.draftSavesPerAccount,
        authorId,
      ],
    ],
    editingPublished ? 'updates to published articles' : 'saves',
  );
}

/**
 * Fills in what the new version is beside the editor's fields: its slug (a published article
 * claims a new one only on publication or a title change), status, publication time, version.
 */
async function settleNextVersion(
  authorId: string,
  articleId: string,
  current: Article,
  next: Article,
  { publishing, published }: { publishing: boolean; published: boolean },
): Promise<void> {
  const wantedSlug = slugify(next.title);
  next.slug = published
    ? publishing || wantedSlug !== current.slug
      ? await claimSlug(authorId, articleId, wantedSlug)
      : current.slug
    : wantedSlug;
  next.status = published ? 'published' : 'draft';
  next.publishedAt = publishing ? new Date() : current.publishedAt;
  // Published by hand or on schedule, a draft's schedule is done.
  if (publishing) next.scheduledFor = null;
  next.version = current.version + 1;
  next.updatedAt = new Date();
}

/** Writes the new version; a published one is cached at once and its lists updated. */
async function writeArticle(
  authorId: string,
  current: Article,
  next: Article,
  rendered: RenderedMarkdown | null,
  publishing: boolean,
): Promise<void> {
  await ArticleModel.updateOne(
    { _id: current._id },
    {
      $set: {
        title: next.title,
        body: next.body,
        tags: next.tags,
        visibility: next.visibility,
        slug: next.slug,
        status: next.status,
        publishedAt: next.publishedAt,
        version: next.version,
        scheduledFor: next.scheduledFor ?? null,
        ...(rendered ? { renderRefusal: null } : {}),
      },
    },
  );
  await dropAuthorDesks(authorId);
  if (!rendered) return;
  await storeRenderedView(composeArticleView(next, rendered), current);
  // A "no such slug" remembered from before must not hide the new address.
  const newAddress = next.slug !== current.slug || publishing;
  if (newAddress) await dropCached(articleKeys.slug(authorId, next.slug));
  await syncArticleIndexes(current, next);
  // The first reader of a new address finds everything the page reads already cached.
  if (newAddress) await cacheFirstView(authorId, current._id.toString(), next.slug);
}

/** What tells the jobs (fan-out, notifications) about a publication, once per version. */
function publicationEvent(authorId: string, articleId: string, article: Article) {
  return articlePublished.create(
    {
      articleId,
      authorId,
      visibility: article.visibility,
      publishedAt: (article.publishedAt ?? new Date()).toISOString(),
    },
    { id: `article-published:${articleId}:${article.version}` },
  );
}

/** What an edit of a published article tells: the search index always, the streams on a listing change. */
function editEvents(authorId: string, articleId: string, current: Article, next: Article) {
  if (current.status !== 'published') return null;
  const changed = articleChanged.create(
    { articleId, authorId, version: next.version },
    { id: `article-changed:${articleId}:${next.version}` },
  );
  const listing = listingEvent(authorId, articleId, current, next);
  return listing ? [listing, changed] : changed;
}

/** What tells the listing job that a published article entered or left the friends' streams. */
function listingEvent(authorId: string, articleId: string, current: Article, next: Article) {
  if (current.status !== 'published' || !current.publishedAt) return null;
  if (isListed(current.visibility) === isListed(next.visibility)) return null;
  return articleListingChanged.create(
    { articleId, authorId, publishedAt: current.publishedAt.toISOString() },
    { id: `article-listing:${articleId}:${next.version}` },
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

function sameContent(a: Article, b: Article): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.visibility === b.visibility &&
    a.tags.join('\n') === b.tags.join('\n')
  );
}

function isScheduledFor(article: Article, publishAt: string): boolean {
  return article.status === 'draft' && article.scheduledFor?.toISOString() === publishAt;
}
