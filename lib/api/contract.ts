/**
 * The contract between the browser and the API: every route the browser calls, with its method,
 * its path, the success status, what it takes and what it answers. Types only come from the
 * server: a request is the input of the zod schema the domain operation parses with, a response
 * the value of the `Result` that operation returns. Only `import type` here, so the browser
 * bundle gets the table without any server code (lib/api/client.ts calls it; route handlers
 * answer through lib/api/respond.ts, which checks the value against the same entry).
 */
import type { z } from 'zod';
import type { changePassword } from '@/lib/accounts/change-password';
import type { deleteAccount, deleteAccountSchema } from '@/lib/accounts/delete-account';
import type {
  confirmPasswordSchema,
  confirmSignUp,
  confirmSignUpSchema,
} from '@/lib/accounts/confirm-sign-up';
import type {
  changePasswordSchema,
  changeUsernameSchema,
  emailChangeConfirmSchema,
  emailChangeSchema,
  passwordResetRequestSchema,
  setPasswordSchema,
  signUpSchema,
} from '@/lib/accounts/schemas';
import type { confirmEmailChange } from '@/lib/accounts/confirm-email-change';
import type { requestEmailChange } from '@/lib/accounts/request-email-change';
import type { requestPasswordReset } from '@/lib/accounts/request-password-reset';
import type { resetPassword } from '@/lib/accounts/reset-password';
import type { changeUsername } from '@/lib/accounts/change-username';
import type { requestDataExport } from '@/lib/data-export/request-export';
import type { endViewerOtherSessions, endViewerSession } from '@/lib/accounts/manage-sessions';
import type { signUp } from '@/lib/accounts/sign-up';
import type { setCover } from '@/lib/articles/cover';
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
import type { markAllRead } from '@/lib/notifications/mark-read';
import type { removeAvatar, setAvatar } from '@/lib/profiles/avatar';
import type { profileSchema } from '@/lib/profiles/schemas';
import type { debugPanelSchema, setDebugPanel } from '@/lib/profiles/set-debug-panel';
import type { updateProfile } from '@/lib/profiles/update-profile';
import type { turnOffTwoStep, turnOffTwoStepSchema } from '@/lib/accounts/turn-off-two-step';
import type { completeSecondStep, secondStepSchema } from '@/lib/auth/complete-second-step';
import type { passkeySignInSchema, signInWithPasskey } from '@/lib/auth/passkey-sign-in';
import type { secondStepPasskeyOptions } from '@/lib/auth/second-step-options';
import type { signInSchema } from '@/lib/auth/schemas';
import type { addPasskey } from '@/lib/passkeys/add-passkey';
import type { regenerateRecoveryCodes } from '@/lib/passkeys/regenerate-recovery-codes';
import type { removePasskey } from '@/lib/passkeys/remove-passkey';
import type { addPasskeySchema, startAddingPasskeySchema } from '@/lib/passkeys/schemas';
import type { startAddingPasskey } from '@/lib/passkeys/start-adding-passkey';
import type { startPasskeySignIn } from '@/lib/passkeys/start-passkey-sign-in';
import type { turnOnTwoStep } from '@/lib/passkeys/turn-on-two-step';
import type { signInWithPassword } from '@/lib/auth/sign-in';
import type { ValueOf } from '@/lib/validation/result';

export type ApiMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route. `Params` fill the path, `Request` is the body (`void` for none, `FormData` for an
 * upload), `Response` the value of a success. The two type slots carry no data.
 */
export interface ApiRoute<Params, Request, Response> {
  method: ApiMethod;
  path: (params: Params) => string;
  /** The status of a success; a failure's status comes from its code (lib/http/). */
  successStatus: number;
  readonly types?: { request: Request; response: Response };
}

/** Any route, for helpers that take one. */
export type AnyApiRoute = ApiRoute<never, unknown, unknown>;
export type RequestOf<R> = R extends ApiRoute<never, infer Request, unknown> ? Request : never;
export type ResponseOf<R> = R extends ApiRoute<never, unknown, infer Response> ? Response : never;
export type ParamsOf<R> = R extends ApiRoute<infer Params, unknown, unknown> ? Params : never;

/** What a schema accepts (before its transforms): what the browser may send. */
type BodyOf<Schema extends z.ZodType> = z.input<Schema>;

function route<Params, Request, Response>(
  method: ApiMethod,
  path: (params: Params) => string,
  successStatus = 200,
): ApiRoute<Params, Request, Response> {
  return { method, path, successStatus };
}

type ById = { id: string };
const article = ({ id }: ById) => `/api/articles/${id}`;
const comment = ({ id }: ById) => `/api/comments/${id}`;

export const api = {
  signIn: route<
    void,
    BodyOf<typeof signInSchema> & { callbackUrl?: string },
    ValueOf<typeof signInWithPassword>
  >('POST', () => '/api/sessions'),
  signUp: route<void, BodyOf<typeof signUpSchema>, ValueOf<typeof signUp>>(
    'POST',
    () => '/api/accounts',
    202,
  ),
  confirmSignUp: route<
    void,
    BodyOf<typeof confirmSignUpSchema> & BodyOf<typeof confirmPasswordSchema>,
    ValueOf<typeof confirmSignUp>
  >('POST', () => '/api/accounts/confirm', 201),
  changePassword: route<void, BodyOf<typeof changePasswordSchema>, ValueOf<typeof changePassword>>(
    'POST',
    () => '/api/account/password',
  ),
  requestPasswordReset: route<
    void,
    BodyOf<typeof passwordResetRequestSchema>,
    ValueOf<typeof requestPasswordReset>
  >('POST', () => '/api/password-reset', 202),
  resetPassword: route<void, BodyOf<typeof setPasswordSchema>, ValueOf<typeof resetPassword>>(
    'POST',
    () => '/api/password-reset/confirm',
  ),
  requestEmailChange: route<
    void,
    BodyOf<typeof emailChangeSchema>,
    ValueOf<typeof requestEmailChange>
  >('POST', () => '/api/account/email', 202),
  confirmEmailChange: route<
    void,
    BodyOf<typeof emailChangeConfirmSchema>,
    ValueOf<typeof confirmEmailChange>
  >('POST', () => '/api/account/email/confirm'),
  deleteAccount: route<void, BodyOf<typeof deleteAccountSchema>, ValueOf<typeof deleteAccount>>(
    'DELETE',
    () => '/api/account',
  ),
  endSession: route<{ handle: string }, void, ValueOf<typeof endViewerSession>>(
    'DELETE',
    ({ handle }) => `/api/sessions/${handle}`,
  ),
  endOtherSessions: route<void, void, ValueOf<typeof endViewerOtherSessions>>(
    'DELETE',
    () => '/api/sessions/others',
  ),
  passkeySignInOptions: route<void, void, ValueOf<typeof startPasskeySignIn>>(
    'POST',
    () => '/api/sessions/passkey/options',
  ),
  signInWithPasskey: route<
    void,
    BodyOf<typeof passkeySignInSchema>,
    ValueOf<typeof signInWithPasskey>
  >('POST', () => '/api/sessions/passkey'),
  secondStepOptions: route<void, void, ValueOf<typeof secondStepPasskeyOptions>>(
    'POST',
    () => '/api/sessions/second-step/options',
  ),
  completeSecondStep: route<
    void,
    BodyOf<typeof secondStepSchema>,
    ValueOf<typeof completeSecondStep>
  >('POST', () => '/api/sessions/second-step'),
  passkeyOptions: route<
    void,
    BodyOf<typeof startAddingPasskeySchema>,
    ValueOf<typeof startAddingPasskey>
  >('POST', () => '/api/passkeys/options'),
  addPasskey: route<void, BodyOf<typeof addPasskeySchema>, ValueOf<typeof addPasskey>>(
    'POST',
    () => '/api/passkeys',
    201,
  ),
  removePasskey: route<ById, void, ValueOf<typeof removePasskey>>(
    'DELETE',
    ({ id }) => `/api/passkeys/${id}`,
  ),
  turnOnTwoStep: route<void, void, ValueOf<typeof turnOnTwoStep>>(
    'POST',
    () => '/api/account/two-step',
  ),
  turnOffTwoStep: route<void, BodyOf<typeof turnOffTwoStepSchema>, ValueOf<typeof turnOffTwoStep>>(
    'DELETE',
    () => '/api/account/two-step',
  ),
  regenerateRecoveryCodes: route<void, void, ValueOf<typeof regenerateRecoveryCodes>>(
    'POST',
    () => '/api/account/two-step/recovery-codes',
  ),
  updateProfile: route<void, BodyOf<typeof profileSchema>, ValueOf<typeof updateProfile>>(
    'PATCH',
    () => '/api/profile',
  ),
  uploadAvatar: route<void, FormData, ValueOf<typeof setAvatar>>(
    'POST',
    () => '/api/profile/avatar',
  ),
  removeAvatar: route<void, void, ValueOf<typeof removeAvatar>>(
    'DELETE',
    () => '/api/profile/avatar',
  ),
  setDebugPanel: route<void, BodyOf<typeof debugPanelSchema>, ValueOf<typeof setDebugPanel>>(
    'PUT',
    () => '/api/settings/debug-panel',
  ),
  changeUsername: route<void, BodyOf<typeof changeUsernameSchema>, ValueOf<typeof changeUsername>>(
    'POST',
    () => '/api/account/username',
  ),
  requestDataExport: route<void, void, ValueOf<typeof requestDataExport>>(
    'POST',
    () => '/api/account/data-export',
    202,
  ),
  markNotificationsRead: route<void, void, ValueOf<typeof markAllRead>>(
    'POST',
    () => '/api/notifications/read',
  ),
  changeRelationship: route<
    void,
    BodyOf<typeof relationshipChangeSchema>,
    ValueOf<typeof changeRelationship>
  >('POST', () => '/api/relationships'),
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
  likeArticle: route<ById, BodyOf<typeof likeSchema>, ValueOf<typeof likeArticle>>(
    'PUT',
    (params) => `${article(params)}/like`,
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
} as const;
