import type { EditorArticle } from '@/lib/articles/editor-article';
import type { DraftFields } from './send-draft';

/**
 * Edits of a published article not yet made live ("Update"), kept in this tab's session storage
 * so that no way out of the editor drops them silently, the browser's Back button included: the
 * editor reopens with them. Kept per article and per version it was edited from: once the article
 * changes elsewhere they no longer apply (a save over the newer version would be refused anyway).
 * Session storage ends with the tab and is this site's alone; only the article's author can open
 * its editor, where they are shown.
 */
interface Pending {
  version: number;
  fields: DraftFields;
}

const PREFIX = 'inkwell:pending-edits:';
const keyOf = (articleId: string) => `${PREFIX}${articleId}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage turned off: the editor still asks before the ways out it can see.
    return null;
  }
}

export function keepPendingEdits(article: EditorArticle, fields: DraftFields): void {
  const pending: Pending = { version: article.version, fields };
  try {
    storage()?.setItem(keyOf(article.id), JSON.stringify(pending));
  } catch {
    // Over the storage quota: nothing more can be kept here.
  }
}

export function dropPendingEdits(articleId: string): void {
  storage()?.removeItem(keyOf(articleId));
}

/** The edits kept for this version of the article, if any (others are dropped). */
export function pendingEditsOf(article: EditorArticle): DraftFields | null {
  const stored = storage()?.getItem(keyOf(article.id));
  if (!stored) return null;
  try {
    const pending = JSON.parse(stored) as Pending;
    if (pending.version === article.version) return pending.fields;
  } catch {
    // Not ours to read: drop it.
  }
  dropPendingEdits(article.id);
  return null;
}

/**
 * Every article's kept edits, on signing out: the tab may be a shared computer's, and the next
 * person to use it must find none of the previous one's unpublished text (devtools show it).
 */
export function forgetAllPendingEdits(): void {
  const kept = storage();
  if (!kept) return;
  const keys = Array.from({ length: kept.length }, (_, index) => kept.key(index));
  for (const key of keys) if (key?.startsWith(PREFIX)) kept.removeItem(key);
}
