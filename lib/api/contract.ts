/**
 * The contract between the browser and the API: every route the browser calls, with its method,
 * its path, the success status, what it takes and what it answers. Types only come from the
 * server: a request is the input of the zod schema the domain operation parses with, a response
 * the value of the `Result` that operation returns. Only `import type` here, so the browser
 * bundle gets the table without any server code (lib/api/client.ts calls it; route handlers
 * answer through lib/api/respond.ts, which checks the value against the same entry).
 */
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
  resendSignUpLinkSchema,
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
import type { resendSignUpLink } from '@/lib/accounts/resend-sign-up-link';
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
import { contentRoutes } from './content-routes';
import { moderationRoutes } from './moderation-routes';
import { route, type BodyOf, type ById } from './route';

export type { AnyApiRoute, ApiMethod, ApiRoute, ParamsOf, RequestOf, ResponseOf } from './route';

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
  resendSignUpLink: route<
    void,
    BodyOf<typeof resendSignUpLinkSchema>,
    ValueOf<typeof resendSignUpLink>
  >('POST', () => '/api/accounts/confirmation-link', 202),
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
  ...contentRoutes,
  ...moderationRoutes,
} as const;
