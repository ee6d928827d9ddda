import 'server-only';
import type { Visibility } from './models';
import { loadOwnArticle } from './access';
import { ArticleRevisionModel } from './revision-model';
import { diffTexts, type DiffPart } from './text-diff';
import { fail, ok, type Result } from '@/lib/validation/result';

/*
 * The "History" page's reads. They are the author's own private page, read straight from MongoDB
 * like the editor itself (nothing of it is cached, so nobody else can ever be served it).
 */

export interface RevisionSummary {
  version: number;
  title: string;
  savedAt: string;
}

export interface ArticleHistory {
  article: { id: string; title: string; version: number; status: 'draft' | 'published' };
  /** Newest first. */
  revisions: RevisionSummary[];
}

/** The author's article and its kept versions; anyone else's is "not found". */
export async function listRevisions(
  viewerId: string,
  articleId: string,
): Promise<Result<ArticleHistory>> {
  const found = await loadOwnArticle(viewerId, articleId);
  if (!found.ok) return found;
  const article = found.value;
  const rows = await ArticleRevisionModel.find(
    { articleId: article._id },
    { version: 1, title: 1, savedAt: 1 },
  )
    .sort({ version: -1 })
    .lean();
  return ok({
    article: {
      id: article._id.toString(),
      title: article.title,
      version: article.version,
      status: article.status,
    },
    revisions: rows.map((row) => ({
      version: row.version,
      title: row.title,
      savedAt: row.savedAt.toISOString(),
    })),
  });
}

export interface RevisionComparison {
  version: number;
  savedAt: string;
  title: { before: string; now: string };
  tags: { before: string[]; now: string[] };
  visibility: { before: Visibility; now: Visibility };
  /** The body, from this version (removed) to the current text (added). */
  body: DiffPart[];
  truncated: boolean;
}

/** One kept version compared with the current text; another person's article is "not found". */
export async function compareRevision(
  viewerId: string,
  articleId: string,
  version: number,
): Promise<Result<RevisionComparison>> {
  const found = await loadOwnArticle(viewerId, articleId);
  if (!found.ok) return found;
  const current = found.value;
  const revision = Number.isSafeInteger(version)
    ? await ArticleRevisionModel.findOne({ articleId: current._id, version }).lean()
    : null;
  if (!revision) return fail('not-found', 'This version was not kept.');
  const { parts, truncated } = diffTexts(revision.body, current.body);
  return ok({
    version: revision.version,
    savedAt: revision.savedAt.toISOString(),
    title: { before: revision.title, now: current.title },
    tags: { before: [...revision.tags], now: [...current.tags] },
    visibility: { before: revision.visibility, now: current.visibility },
    body: parts,
    truncated,
  });
}
