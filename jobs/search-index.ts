import { accountDeletionRequested } from '@/lib/accounts/events';
import {
  articleChanged,
  articleListingChanged,
  articlePublished,
  articleWithdrawn,
} from '@/lib/articles/events';
import { inngest } from '@/lib/jobs/client';
import { itemHidden, itemRestored } from '@/lib/moderation/events';
import { searchRebuildRequested } from '@/lib/search/events';
import {
  rebuildArticlesBatch,
  rebuildPeopleBatch,
  rebuildTags,
  type RebuildBatch,
} from '@/lib/search/rebuild';
import { removeAuthorArticlesFromSearch, syncArticleToSearch } from '@/lib/search/sync-article';
import { syncPersonToSearch } from '@/lib/search/sync-person';
import { profileChanged } from '@/lib/users/events';

/**
 * Any event about an article makes the index agree with MongoDB about it (indexed if search may
 * show it, removed otherwise): the event is only a reason to look, so a replay, a late event or
 * one in the wrong order changes nothing, and moderation's event can trigger the same sync. If
 * the engine is down the step fails and is retried with backoff; the rebuild repairs the rest.
 */
export const indexArticleForSearch = inngest.createFunction(
  {
    id: 'index-article-for-search',
    retries: 6,
    concurrency: { key: 'event.data.articleId', limit: 1 },
    triggers: [articlePublished, articleChanged, articleListingChanged, articleWithdrawn],
  },
  async ({ event, step }) => {
    const outcome = await step.run('sync-article', () => syncArticleToSearch(event.data.articleId));
    return { articleId: event.data.articleId, outcome };
  },
);

/** A new account, a new username or display name, a deleted account: the people index follows. */
export const indexPersonForSearch = inngest.createFunction(
  {
    id: 'index-person-for-search',
    retries: 6,
    concurrency: { key: 'event.data.userId', limit: 1 },
    triggers: [profileChanged, accountDeletionRequested],
  },
  async ({ event, step }) => {
    const outcome = await step.run('sync-person', () => syncPersonToSearch(event.data.userId));
    // A person being deleted takes their articles out of search at once (their own deletion
    // job removes the articles from MongoDB later).
    const articlesRemoved =
      outcome === 'removed'
        ? await step.run('remove-articles', () => removeAuthorArticlesFromSearch(event.data.userId))
        : 0;
    return { userId: event.data.userId, outcome, articlesRemoved };
  },
);

/**
 * Repopulates the index from MongoDB, 200 documents per step (a retry repeats one batch; REPLACE
 * makes it harmless), each step resuming after the last id the previous one wrote.
 */
export const rebuildSearchIndex = inngest.createFunction(
  {
    id: 'rebuild-search-index',
    retries: 6,
    concurrency: { limit: 1 },
    triggers: [searchRebuildRequested],
  },
  async ({ step }) => {
    const walk = async (name: string, batch: (after: string | null) => Promise<RebuildBatch>) => {
      let written = 0;
      let after: string | null = null;
      for (let index = 0; ; index += 1) {
        const done: RebuildBatch = await step.run(`${name}-${index}`, () => batch(after));
        written += done.written;
        if (done.next === null) return written;
        after = done.next;
      }
    };
    const articles = await walk('articles', rebuildArticlesBatch);
    const people = await walk('people', rebuildPeopleBatch);
    const tags = await step.run('tags', rebuildTags);
    return { articles, people, tags };
  },
);

/**
 * A moderator hid an item or restored it: the index re-reads it like any other change (a hidden
 * article is a draft, a hidden profile has no name or bio left to find; comments are not indexed).
 */
export const syncModeratedItemToSearch = inngest.createFunction(
  {
    id: 'sync-moderated-item-to-search',
    retries: 6,
    // A hide and a quick restore of one item run one after the other: the last read wins.
    concurrency: { key: 'event.data.id', limit: 1 },
    triggers: [itemHidden, itemRestored],
  },
  async ({ event, step }) => {
    const { kind, id } = event.data;
    if (kind === 'article')
      return { kind, outcome: await step.run('sync-article', () => syncArticleToSearch(id)) };
    if (kind === 'profile')
      return { kind, outcome: await step.run('sync-person', () => syncPersonToSearch(id)) };
    return { kind, outcome: 'not indexed' };
  },
);
