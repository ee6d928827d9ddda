import { env } from '@/lib/config/env';
import type { MailMessage } from '@/lib/mail/events';
import { PENDING_SIGN_UP_HOURS } from '@/lib/users/pending-sign-up';

export function confirmSignUpMail(email: string, username: string, token: string): MailMessage {
  const link = new URL('/signup/confirm', env().appUrl);
  link.searchParams.set('token', token);
  return {
    to: email,
    subject: 'Confirm your Inkwell account',
    text: [
      `Hello @${username},`,
      '',
      'Confirm your email address, with the password you chose, to finish creating your Inkwell',
      'account:',
      '',
      link.toString(),
      '',
      `The link works once, for ${PENDING_SIGN_UP_HOURS} hours. If you did not sign up, ignore this`,
      'message: no account is created without it.',
    ].join('\n'),
  };
}

/** Sent instead of a confirmation when the address already has an account. */
export function accountExistsMail(email: string, username: string): MailMessage {
  return {
    to: email,
    subject: 'Your Inkwell account',
    text: [
      'Someone, hopefully you, tried to create an Inkwell account with this email address.',
      `It already has one: @${username}. Sign in here:`,
      '',
      new URL('/signin', env().appUrl).toString(),
      '',
      'If it was not you, ignore this message: nothing has changed.',
    ].join('\n'),
  };
}
