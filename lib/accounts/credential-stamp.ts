import { tokenDigest } from '@/lib/util/bearer-token';

/**
 * A fingerprint of how an account signs in: its password hash (salted, so every new password
 * changes it; none for GitHub and Google accounts) and its e-mail address. A link records the
 * stamp it was made for and works only while it is unchanged: a later password change or reset,
 * or a change of address, ends every link made before it, without comparing clocks.
 */
export function credentialStamp(user: { passwordHash?: string | null; email: string }): string {
  return tokenDigest(`${user.passwordHash ?? 'no-password'}\n${user.email}`);
}
