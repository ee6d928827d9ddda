import type { z } from 'zod';

const SIGNING_KEY_HINT =
  "Inngest's signing key with Inngest; for in-process jobs any random value, e.g. openssl rand -hex 32, the same on every instance";

/** What production needs beyond the schema: each missing or unsafe setting is one issue. */
export function checkProductionSettings(
  env: {
    NODE_ENV: string;
    APP_URL?: string;
    INNGEST_SIGNING_KEY?: string;
    INNGEST_DEV?: string;
  },
  ctx: z.RefinementCtx,
): void {
  // Links in mail, Auth.js's OAuth callbacks and Secure cookies follow the public origin: a
  // production default of localhost would break them all, silently.
  if (env.NODE_ENV === 'production' && !env.APP_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['APP_URL'],
      message:
        'required in production: the public origin of the site, e.g. https://inkwell.example.com (links in mail, OAuth callbacks, Secure cookies)',
    });
  }
  // /api/inngest runs jobs for whoever calls it: in production every call must be signed.
  if (env.NODE_ENV === 'production' && !env.INNGEST_SIGNING_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['INNGEST_SIGNING_KEY'],
      message: `required in production, in every jobs mode: every call to /api/inngest is signed with it (${SIGNING_KEY_HINT})`,
    });
  }
  if (
    env.NODE_ENV === 'production' &&
    env.INNGEST_SIGNING_KEY &&
    env.INNGEST_SIGNING_KEY.replace(/^signkey-[\w]+-/, '').length < 32
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['INNGEST_SIGNING_KEY'],
      message: `a key of at least 32 characters after any signkey-<env>- prefix (${SIGNING_KEY_HINT})`,
    });
  }
  if (env.NODE_ENV === 'production' && env.INNGEST_DEV) {
    ctx.addIssue({
      code: 'custom',
      path: ['INNGEST_DEV'],
      message:
        'unset in production: the Inngest dev server does not sign its calls, so /api/inngest would run jobs for anyone (use Inngest Cloud or self-hosted Inngest with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY)',
    });
  }
}
