import 'server-only';
import { hideArticle, liftArticleHiding } from '@/lib/articles/hide-article';
import { setCommentHidden } from '@/lib/articles/hide-comment';
import { clearProfile } from '@/lib/profiles/clear-profile';
import type { ModerationCase } from './models';

/**
 * Hides a case's item everywhere, through the item's own domain: an article is withdrawn (pages,
 * lists, feeds, sitemap, cached objects at once; streams by its job), a comment leaves its thread,
 * a profile's own words and picture are cleared. Repeating it changes nothing.
 */
export async function hideTarget(current: ModerationCase): Promise<void> {
  const id = current.targetId.toString();
  if (current.targetKind === 'article') await hideArticle(id);
  else if (current.targetKind === 'comment') await setCommentHidden(id, true);
  else await clearProfile(id);
}

/**
 * Lifts a hiding (an appeal granted): a comment is shown again; an article may be published again
 * by its author (it stays their draft until they do); a cleared profile stays cleared (its
 * owner may write it again).
 */
export async function restoreTarget(current: ModerationCase): Promise<void> {
  const id = current.targetId.toString();
  if (current.targetKind === 'article') await liftArticleHiding(id);
  else if (current.targetKind === 'comment') await setCommentHidden(id, false);
}
