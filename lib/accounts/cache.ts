import { tokenDigest } from '@/lib/util/bearer-token';

/**
 * Redis keys of lib/accounts (durable Redis): one-time links, stored under the SHA-256 of their
 * token so that a copy of Redis holds nothing a person could follow.
 */
export const accountKeys = {
  passwordReset: (token: string) => `password-reset:${tokenDigest(token)}`,
  emailChange: (token: string) => `email-change:${tokenDigest(token)}`,
};
