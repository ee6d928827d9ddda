import { canSeeArticle } from '@/lib/articles/access';
import type { ArticleView } from '@/lib/articles/article-view';
import { hydrateCards, type ArticleCard } from '@/lib/articles/list-articles';
import { blockedEitherWay } from '@/lib/friends/cache';
import { savedIndex } from './cache';

export const SAVED_PAGE_SIZE = 20;

export interface SavedCard extends ArticleCard {
  /** When the reader saved it (ISO). */
  savedAt: string;
}

export interface SavedPage {
  cards: SavedCard[];
  /** Pass as `before` for the next (earlier saved) page; null on the last page. */
  nextCursor: number | null;
}

/**
 * The reader's saved articles, newest saved first, `SAVED_PAGE_SIZE` a page: only those they may
 * still read (an article deleted, unpublished, friends-only after an unfriending or by someone in
 * a block with them stays saved but is not shown). Every part comes from cached objects: the
 * reader's index, the article objects, the authors, the friend and block sets.
 */
export async function listSaved(readerId: string, before?: number): Promise<SavedPage> {
  const page = await savedIndex.page(readerId, SAVED_PAGE_SIZE, before);
  const savedAt = new Map(page.ids.map((id, index) => [id, page.scores[index] ?? 0]));
  const cards = await hydrateCards(page.ids);
  const blocks = new Map<string, Promise<Set<string>>>();
  const blockedOf = (authorId: string) => {
    let blocked = blocks.get(authorId);
    if (!blocked) blocks.set(authorId, (blocked = blockedEitherWay(authorId)));
    return blocked;
  };
  const readable = await Promise.all(
    cards.map((card) => mayStillRead(card.article, readerId, blockedOf)),
  );
  return {
    cards: cards
      .filter((_, index) => readable[index])
      .map((card) => ({
        ...card,
        savedAt: new Date(savedAt.get(card.article.id) ?? 0).toISOString(),
      })),
    nextCursor: page.nextCursor,
  };
}

async function mayStillRead(
  view: ArticleView,
  readerId: string,
  blockedOf: (authorId: string) => Promise<Set<string>>,
): Promise<boolean> {
  if (!(await canSeeArticle(view, readerId))) return false;
  if (view.authorId === readerId) return true;
  return !(await blockedOf(view.authorId)).has(readerId);
}
