import { env } from '@/lib/config/env';
import type { MailMessage } from '@/lib/mail/events';

/**
 * Told to the account's address whenever a passkey is added: a passkey signs in without the
 * password and survives a password reset, so someone who got in once (a borrowed session, a
 * known password) must not be able to add one unnoticed.
 */
export function passkeyAddedMail(
  email: string,
  username: string,
  passkeyName: string,
  at: Date,
): MailMessage {
  const link = (path: string) => new URL(path, env().appUrl).toString();
  return {
    to: email,
    subject: 'A passkey was added to your Inkwell account',
    text: [
      `Hello @${username},`,
      '',
      `A passkey named "${passkeyName}" was added to your Inkwell account on ${at.toUTCString()}.`,
      'It can sign in to your account without your password.',
      '',
      'If this was not you, reset your password now and remove the passkey in your settings:',
      '',
      link('/password-reset'),
      link('/settings'),
    ].join('\n'),
  };
}
