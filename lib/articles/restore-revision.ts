import 'server-only';
import { withLock } from '@/lib/redis/lock';
import type { SignedIn } from '@/lib/auth/require-viewer';
import { fail, ok, parseInput, type Result } from '@/lib/validation/result';
import { loadOwnArticle } from './access';
import { toEditorArticle, type EditorArticle } from './editor-article';
import { ArticleRevisionModel } from './revision-model';
import { saveUnderLock } from './save-article';
import { restoreRevisionSchema } from './schemas';

/**
 * "Restore this version": saves a kept version's title, body, tags and visibility as a new update,
 * through the same save as the editor's (the author only, the stale-version check, the rendering
 * limits, the rate limit), so the text it replaces is kept in turn. The cover is left as it is: a
 * replaced cover's files are deleted, so an old one cannot come back.
 */
export async function restoreRevision(
  viewer: SignedIn,
  articleId: string,
  input: unknown,
): Promise<Result<EditorArticle>> {
  const parsed = parseInput(restoreRevisionSchema, input);
  if (!parsed.ok) return parsed;
  const { version, baseVersion } = parsed.value;
  const outcome = await withLock(`article:${articleId}`, async () => {
    // Whose article first: another person's is "not found" whatever versions it has.
    const found = await loadOwnArticle(viewer.user.id, articleId);
    if (!found.ok) return found;
    const revision = await ArticleRevisionModel.findOne(
      { articleId: found.value._id, version },
      { title: 1, body: 1, tags: 1 },
    ).lean();
    if (!revision) return fail('not-found', 'This version was not kept.');
    // The text comes back; who may read it stays as the author set it last (restoring old words
    // must never quietly make a friends-only article public again).
    const { title, body, tags } = revision;
    return saveUnderLock(
      viewer.user.id,
      articleId,
      { title, body, tags: [...tags], baseVersion },
      'save',
    );
  });
  if (!outcome.ok) return outcome;
  await outcome.events?.confirm();
  return ok(toEditorArticle(outcome.article));
}
