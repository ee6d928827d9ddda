import { durableRedis, isRedisUnavailable } from '@/lib/redis';
import { fail, type Failure } from '@/lib/validation/result';

export interface RateLimitPolicy {
  /** Names the limit in keys and logs. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Past the limit, slow each attempt down (doubling from `firstMs` up to `maxMs`) instead of refusing it. */
  slowdown?: { firstMs: number; maxMs: number };
}

/**
 * Levels follow Mastodon's and Ghost's: generous for people, tight for scripts.
 * Each policy counts one subject (an IP address or an account) in a fixed window.
 */
export const RATE_LIMITS = {
  signInPerIp: { name: 'sign-in:ip', limit: 25, windowSeconds: 5 * 60 },
  // Sign-in failures count per (account, client address) pair (or per known device): strangers'
  // guesses never lock the owner out. Across all addresses an account has a larger budget past
  // which attempts are only slowed down (lib/auth/authenticate-password.ts).
  signInPerAccountAndClient: { name: 'sign-in:account-client', limit: 10, windowSeconds: 15 * 60 },
  signInPerAccount: {
    name: 'sign-in:account-budget',
    limit: 100,
    windowSeconds: 60 * 60,
    slowdown: { firstMs: 250, maxMs: 4000 },
  },
  signUpPerIp: { name: 'sign-up:ip', limit: 10, windowSeconds: 60 * 60 },
  // Each sign-up sends a message to the address: no one can flood an inbox through us.
  signUpPerEmail: { name: 'sign-up:email', limit: 5, windowSeconds: 60 * 60 },
  signUpConfirmPerIp: { name: 'sign-up-confirm:ip', limit: 30, windowSeconds: 60 * 60 },
  // Each resend mails the address again: bounded per address (or username) and per client.
  signUpResendPerIdentifier: { name: 'sign-up-resend:id', limit: 3, windowSeconds: 60 * 60 },
  signUpResendPerIp: { name: 'sign-up-resend:ip', limit: 10, windowSeconds: 60 * 60 },
  passwordChangePerAccount: { name: 'password:account', limit: 10, windowSeconds: 60 * 60 },
  // Each reset request mails the address: no one floods an inbox, or probes many, through us.
  passwordResetPerEmail: { name: 'password-reset:email', limit: 3, windowSeconds: 60 * 60 },
  passwordResetPerIp: { name: 'password-reset:ip', limit: 10, windowSeconds: 60 * 60 },
  // Setting a password from a link hashes it (argon2id): bounded per client.
  passwordResetSetPerIp: { name: 'password-reset-set:ip', limit: 30, windowSeconds: 60 * 60 },
  // Each request checks the password and mails two addresses.
  emailChangePerAccount: { name: 'email-change:account', limit: 5, windowSeconds: 60 * 60 },
  emailChangePerAddress: { name: 'email-change:address', limit: 5, windowSeconds: 60 * 60 },
  emailChangeConfirmPerAccount: {
    name: 'email-change-confirm:account',
    limit: 30,
    windowSeconds: 60 * 60,
  },
  avatarUploadPerAccount: { name: 'avatar:account', limit: 20, windowSeconds: 60 * 60 },
  friendRequestPerAccount: { name: 'friend-request:account', limit: 30, windowSeconds: 60 * 60 },
  draftsPerAccount: { name: 'draft:account', limit: 30, windowSeconds: 60 * 60 },
  publishPerAccount: { name: 'publish:account', limit: 10, windowSeconds: 60 * 60 },
  commentsPerAccount: { name: 'comment:account', limit: 20, windowSeconds: 10 * 60 },
  likesPerAccount: { name: 'like:account', limit: 60, windowSeconds: 60 },
  // Saving to and removing from one's reading list, together.
  savesPerAccount: { name: 'save:account', limit: 60, windowSeconds: 60 },
  // Autosave sends a draft a moment after each pause in typing; drafts touch no shared list.
  draftSavesPerAccount: { name: 'draft-save:account', limit: 1_200, windowSeconds: 60 * 60 },
  // An edit of a published article re-renders it and may change lists everyone reads.
  publishedEditsPerAccount: { name: 'published-edit:account', limit: 60, windowSeconds: 60 * 60 },
  // Unpublishing and deleting change the lists everyone reads and start stream clean-up jobs.
  withdrawalsPerAccount: { name: 'withdraw:account', limit: 30, windowSeconds: 60 * 60 },
  // The editor's live preview renders up to 100,000 characters a moment after each keystroke.
  previewsPerAccount: { name: 'preview:account', limit: 1_200, windowSeconds: 60 * 60 },
  coverUploadsPerAccount: { name: 'cover:account', limit: 20, windowSeconds: 60 * 60 },
  // Images inside articles: each is decoded and re-encoded up to three times.
  articleImageUploadsPerAccount: {
    name: 'article-image:account',
    limit: 60,
    windowSeconds: 60 * 60,
  },
  commentChangesPerAccount: { name: 'comment-change:account', limit: 60, windowSeconds: 10 * 60 },
  // Each block starts a stream clean-up job; block and unblock count together.
  blocksPerAccount: { name: 'block:account', limit: 20, windowSeconds: 60 * 60 },
  // Mute and unmute count together: each changes the person's cached muted set.
  mutesPerAccount: { name: 'mute:account', limit: 60, windowSeconds: 60 * 60 },
  // Accept, decline, cancel, unfriend: each changes two people's cached friend sets.
  friendChangesPerAccount: { name: 'friend-change:account', limit: 60, windowSeconds: 60 * 60 },
  // Profile edits, avatar removal and settings: each drops the cached user every page shows.
  profileUpdatesPerAccount: { name: 'profile:account', limit: 30, windowSeconds: 60 * 60 },
  notificationReadsPerAccount: {
    name: 'notification-read:account',
    limit: 120,
    windowSeconds: 60 * 60,
  },
  sessionEndsPerAccount: { name: 'session-end:account', limit: 30, windowSeconds: 60 * 60 },
  // Each rename holds a name for 30 days and makes every page that shows the person render again.
  usernameChangesPerAccount: { name: 'username:account', limit: 3, windowSeconds: 24 * 60 * 60 },
  // Each export reads everything the person wrote and stores a zip for 7 days.
  dataExportsPerAccount: { name: 'data-export:account', limit: 1, windowSeconds: 60 * 60 },
  // Each attempt checks the password: a stolen session cannot guess it here.
  accountDeletionsPerAccount: { name: 'account-delete:account', limit: 5, windowSeconds: 60 * 60 },
  // Passkeys: each challenge is a Redis key (per client address); adding and removing per account.
  passkeyChallengesPerIp: { name: 'passkey-challenge:ip', limit: 60, windowSeconds: 5 * 60 },
  passkeyChangesPerAccount: { name: 'passkey:account', limit: 30, windowSeconds: 60 * 60 },
  // Turning two-step sign-in on or off and new recovery codes.
  twoStepChangesPerAccount: { name: 'two-step:account', limit: 10, windowSeconds: 60 * 60 },
  // Second-step answers (passkeys, recovery codes) per account, across pending sign-ins.
  secondStepPerAccount: { name: 'second-step:account', limit: 30, windowSeconds: 60 * 60 },
  // Reports of articles, comments and profiles: each may open a queue entry moderators read.
  reportsPerAccount: { name: 'report:account', limit: 20, windowSeconds: 60 * 60 },
  // Moderators' actions: each may end sessions, empty caches and start stream clean-up jobs.
  moderationActionsPerAccount: { name: 'moderation:account', limit: 300, windowSeconds: 60 * 60 },
  // An appeal is once per hidden item; this bounds a person with many.
  appealsPerAccount: { name: 'appeal:account', limit: 10, windowSeconds: 60 * 60 },
  // Subject: account and article. Each like or unlike makes the article's page render again.
  likeTogglesPerArticle: { name: 'like-toggle:article', limit: 10, windowSeconds: 60 * 60 },
  // Search and its as-you-type suggestions: each costs an engine query. Anonymous readers count
  // per client address (one home or office shares it, hence the larger budget), others per account.
  searchesPerAccount: { name: 'search:account', limit: 60, windowSeconds: 60 },
  searchesPerIp: { name: 'search:ip', limit: 120, windowSeconds: 60 },
  suggestionsPerAccount: { name: 'suggest:account', limit: 120, windowSeconds: 60 },
  suggestionsPerIp: { name: 'suggest:ip', limit: 240, windowSeconds: 60 },
} satisfies Record<string, RateLimitPolicy>;

export interface RateLimitDecision {
  allowed: boolean;
  /** Attempts counted in this window, this one included. */
  count: number;
  remaining: number;
  retryAfterSeconds: number;
}

function rateLimitKey(policy: RateLimitPolicy, subject: string): string {
  return `ratelimit:${policy.name}:${subject.toLowerCase()}`;
}

/** Forgets the windows counted for a subject (a deleted account's id): nothing keyed by it stays. */
export async function clearRateLimits(
  subjects: string | readonly string[],
  policies: readonly RateLimitPolicy[] = Object.values(RATE_LIMITS),
): Promise<void> {
  const store = durableRedis();
  const keys = [subjects]
    .flat()
    .flatMap((subject) => policies.map((policy) => rateLimitKey(policy, subject)));
  if (keys.length > 0) await store.all(keys.map((key) => store.cmd.del(key)));
}

/** Counts one attempt against `policy` for `subject`; atomic across every instance. */
export async function hitRateLimit(
  policy: RateLimitPolicy,
  subject: string,
  /** How many attempts this one counts as (an expensive outcome can cost more). */
  weight = 1,
): Promise<RateLimitDecision> {
  const store = durableRedis();
  const { count, resetInMs } = await store.one(
    store.cmd.rateLimitHit(rateLimitKey(policy, subject), policy.windowSeconds * 1000, weight),
  );
  return {
    allowed: count <= policy.limit,
    count,
    remaining: Math.max(0, policy.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
  };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Checks every (policy, subject) pair; the first one over its limit becomes a 429 failure with
 * a message and the seconds to wait. Without Redis no limit can be checked, so the action is
 * refused (503) rather than left unprotected.
 */
export async function enforceRateLimits(
  checks: readonly (readonly [RateLimitPolicy, string])[],
  what: string,
): Promise<Failure | null> {
  try {
    const decisions = await Promise.all(
      checks.map(([policy, subject]) => hitRateLimit(policy, subject)),
    );
    const blocked = decisions.filter((decision) => !decision.allowed);
    if (blocked.length === 0) return null;
    const wait = Math.max(...blocked.map((decision) => decision.retryAfterSeconds));
    return fail(
      'rate-limited',
      `Too many ${what}. Please wait ${describeWait(wait)} and try again.`,
      {
        retryAfterSeconds: wait,
      },
    );
  } catch (error) {
    if (isRedisUnavailable(error)) {
      return fail('unavailable', 'This is temporarily unavailable. Please try again in a moment.');
    }
    throw error;
  }
}

/** Forgets the attempts counted against `policy` for `subject` (a successful sign-in). */
export async function clearRateLimit(policy: RateLimitPolicy, subject: string): Promise<void> {
  const store = durableRedis();
  await store.one(store.cmd.del(rateLimitKey(policy, subject)));
}
