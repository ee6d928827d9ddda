import { callApi, type ApiAnswer } from '@/lib/api/client';
import { api, type RequestOf } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';
import type { Visibility } from '@/lib/articles/visibility';
import type { Failure, FieldErrors } from '@/lib/validation/result';

/** What the editor's inputs hold (tags as typed: the server splits and normalises them). */
export interface DraftFields {
  title: string;
  body: string;
  tags: string;
  visibility: Visibility;
}

export type SaveIntent = 'save' | 'publish';

export function fieldsOf(article: EditorArticle | null): DraftFields {
  return {
    title: article?.title ?? '',
    body: article?.body ?? '',
    tags: article?.tags.join(', ') ?? '',
    visibility: article?.visibility ?? 'public',
  };
}

/** Every field, and the version the editor started from: a save over a newer one is refused. */
function draftBody(
  fields: DraftFields,
  base: EditorArticle | null,
): RequestOf<typeof api.saveArticle> {
  return { ...fields, ...(base ? { baseVersion: base.version } : {}) };
}

/**
 * Saves or publishes, creating the draft first if there is none yet (`onCreated` hears of it at
 * once, so a failure after that still leaves the editor on the new draft).
 */
export async function sendDraft(
  current: EditorArticle | null,
  fields: DraftFields,
  intent: SaveIntent,
  onCreated: (created: EditorArticle) => void,
  options: { keepalive?: boolean } = {},
): Promise<ApiAnswer<EditorArticle>> {
  let article = current;
  if (!article) {
    const created = await callApi(api.createArticle, { body: draftBody(fields, null) }, options);
    if (!created.ok) return created;
    article = created.value;
    onCreated(article);
  }
  const route = intent === 'publish' ? api.publishArticle : api.saveArticle;
  return callApi(route, { params: { id: article.id }, body: draftBody(fields, article) }, options);
}

/** Why a save failed, for the fields and for the message (which says the text is kept). */
export function describeSaveFailure(answer: Exclude<ApiAnswer<unknown>, { ok: true }>): {
  fieldErrors: FieldErrors;
  message: string;
} {
  const failure: Pick<Failure, 'formError' | 'fieldErrors'> | null = answer.reached
    ? answer.failure
    : { formError: 'We could not reach Inkwell.' };
  const reason =
    failure?.formError ??
    (failure?.fieldErrors ? 'Please correct the highlighted fields.' : 'Saving failed.');
  return { fieldErrors: failure?.fieldErrors ?? {}, message: `${reason} Your text is still here.` };
}

export function savedMessage(intent: SaveIntent, saved: EditorArticle): string {
  if (intent === 'publish') return 'Published.';
  return saved.status === 'published'
    ? 'Your changes are live.'
    : `Draft saved at ${new Date().toLocaleTimeString()}.`;
}
