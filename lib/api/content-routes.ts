import type { addArticleImage } from '@/lib/articles/article-images';
import type { removeCover, setCover } from '@/lib/articles/cover';
import type { likeArticle } from '@/lib/articles/likes';
import type { previewArticle } from '@/lib/articles/preview-article';
import type { createArticle, saveArticle } from '@/lib/articles/save-article';
import type { restoreRevision } from '@/lib/articles/restore-revision';
import type {
  articleDraftSchema,
  scheduleSchema,
  restoreRevisionSchema,
  commentEditSchema,
  commentSchema,
  likeSchema,
  previewSchema,
} from '@/lib/articles/schemas';
import type { deleteArticle } from '@/lib/articles/delete-article';
import type { unpublishArticle } from '@/lib/articles/unpublish-article';
import type { cancelSchedule, scheduleArticle } from '@/lib/articles/schedule-article';
import type { addComment, deleteComment, editComment } from '@/lib/articles/write-comment';
import type {
  changeRelationship,
  relationshipChangeSchema,
} from '@/lib/friends/change-relationship';
import type { changeMute, muteChangeSchema } from '@/lib/mutes/change-mute';
import type { markAllRead, markReadSchema } from '@/lib/notifications/mark-read';
import type { ReaderState } from '@/lib/reader/reader-state';
import type { search } from '@/lib/search/search';
import type { suggest } from '@/lib/search/suggest';
import type { SearchQueryInput } from '@/lib/search/schemas';
import type { saveArticleForLater } from '@/lib/reading-list/save-article';
import type { unsaveArticle } from '@/lib/reading-list/unsave-article';
import type { ValueOf } from '@/lib/validation/result';
import { article, comment, route, type BodyOf, type ById } from './route';

/** The routes of reading and writing: articles, comments, likes, friends, notifications. */
export const contentRoutes = {
  markNotificationsRead: route<
    void,
    BodyOf<typeof markReadSchema> | void,
    ValueOf<typeof markAllRead>
  >('POST', () => '/api/notifications/read'),
  changeRelationship: route<
    void,
    BodyOf<typeof relationshipChangeSchema>,
    ValueOf<typeof changeRelationship>
  >('POST', () => '/api/relationships'),
  changeMute: route<void, BodyOf<typeof muteChangeSchema>, ValueOf<typeof changeMute>>(
    'POST',
    () => '/api/mutes',
  ),
  createArticle: route<void, BodyOf<typeof articleDraftSchema>, ValueOf<typeof createArticle>>(
    'POST',
    () => '/api/articles',
    201,
  ),
  saveArticle: route<ById, BodyOf<typeof articleDraftSchema>, ValueOf<typeof saveArticle>>(
    'PATCH',
    article,
  ),
  publishArticle: route<ById, BodyOf<typeof articleDraftSchema>, ValueOf<typeof saveArticle>>(
    'POST',
    (params) => `${article(params)}/publish`,
  ),
  unpublishArticle: route<ById, void, ValueOf<typeof unpublishArticle>>(
    'POST',
    (params) => `${article(params)}/unpublish`,
  ),
  scheduleArticle: route<ById, BodyOf<typeof scheduleSchema>, ValueOf<typeof scheduleArticle>>(
    'POST',
    (params) => `${article(params)}/schedule`,
  ),
  cancelSchedule: route<ById, void, ValueOf<typeof cancelSchedule>>(
    'DELETE',
    (params) => `${article(params)}/schedule`,
  ),
  restoreRevision: route<
    ById,
    BodyOf<typeof restoreRevisionSchema>,
    ValueOf<typeof restoreRevision>
  >('POST', (params) => `${article(params)}/restore`),
  deleteArticle: route<ById, void, ValueOf<typeof deleteArticle>>('DELETE', article),
  previewArticle: route<void, BodyOf<typeof previewSchema>, ValueOf<typeof previewArticle>>(
    'POST',
    () => '/api/articles/preview',
  ),
  uploadCover: route<ById, FormData, ValueOf<typeof setCover>>(
    'POST',
    (params) => `${article(params)}/cover`,
  ),
  removeCover: route<ById, void, ValueOf<typeof removeCover>>(
    'DELETE',
    (params) => `${article(params)}/cover`,
  ),
  uploadArticleImage: route<ById, FormData, ValueOf<typeof addArticleImage>>(
    'POST',
    (params) => `${article(params)}/images`,
  ),
  likeArticle: route<ById, BodyOf<typeof likeSchema>, ValueOf<typeof likeArticle>>(
    'PUT',
    (params) => `${article(params)}/like`,
  ),
  /** The reader's own reading list ("Saved"). */
  saveForLater: route<ById, void, ValueOf<typeof saveArticleForLater>>(
    'PUT',
    (params) => `${article(params)}/save`,
  ),
  unsaveArticle: route<ById, void, ValueOf<typeof unsaveArticle>>(
    'DELETE',
    (params) => `${article(params)}/save`,
  ),
  addComment: route<ById, BodyOf<typeof commentSchema>, ValueOf<typeof addComment>>(
    'POST',
    (params) => `${article(params)}/comments`,
    201,
  ),
  editComment: route<ById, BodyOf<typeof commentEditSchema>, ValueOf<typeof editComment>>(
    'PATCH',
    comment,
  ),
  deleteComment: route<ById, void, ValueOf<typeof deleteComment>>('DELETE', comment),
  /** Answered by the server before Next (lib/reader/reader-state.ts): asked by every shared page. */
  readerState: route<{ article: string | null }, void, ReaderState>('GET', ({ article }) =>
    article ? `/api/reader?article=${encodeURIComponent(article)}` : '/api/reader',
  ),
  /** As-you-type suggestions for the header's search box (per viewer: never cached). */
  searchSuggestions: route<{ q: string }, void, ValueOf<typeof suggest>>(
    'GET',
    ({ q }) => `/api/search/suggestions?q=${encodeURIComponent(q)}`,
  ),
  /** The results of /search as JSON (the same query string). */
  search: route<SearchQueryInput, void, ValueOf<typeof search>>(
    'GET',
    (query) =>
      `/api/search?${new URLSearchParams(
        Object.entries(query).flatMap(([key, value]) =>
          value === undefined ? [] : [[key, String(value)]],
        ),
      ).toString()}`,
  ),
} as const;
