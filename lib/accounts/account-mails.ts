import { env } from '@/lib/config/env';
import type { MailMessage } from '@/lib/mail/events';

/** Lifetimes of the links these mails carry (the operations and the mails say the same). */
export const PASSWORD_RESET_MINUTES = 60;
export const EMAIL_CHANGE_HOURS = 24;

function linkTo(path: string, token: string): string {
  const link = new URL(path, env().appUrl);
  link.searchParams.set('token', token);
  return link.toString();
}

export function passwordResetMail(email: string, username: string, token: string): MailMessage {
  return {
    to: email,
    subject: 'Reset your Inkwell password',
    text: [
      `Hello @${username},`,
      '',
      'Someone, hopefully you, asked to set a new password for your Inkwell account. Choose one',
      'here:',
      '',
      linkTo('/password-reset/new', token),
      '',
      `The link works once, for ${PASSWORD_RESET_MINUTES} minutes. Setting a password signs your`,
      'account out everywhere. If you did not ask, ignore this message: nothing changes without it.',
    ].join('\n'),
  };
}

/** Sent instead of a link when no account has the address: the form answers the same. */
export function noAccountResetMail(email: string): MailMessage {
  return {
    to: email,
    subject: 'Reset your Inkwell password',
    text: [
      'Someone, hopefully you, asked to reset the password of an Inkwell account with this email',
      'address, but no account uses it. Perhaps you signed up with another address.',
      '',
      'To create an account instead:',
      new URL('/signup', env().appUrl).toString(),
      '',
      'If it was not you, ignore this message.',
    ].join('\n'),
  };
}

export function confirmEmailChangeMail(
  newEmail: string,
  username: string,
  token: string,
): MailMessage {
  return {
    to: newEmail,
    subject: 'Confirm your new Inkwell email address',
    text: [
      `Hello @${username},`,
      '',
      'Confirm that this is your new email address for Inkwell. Open this link while signed in',
      `as @${username}:`,
      '',
      linkTo('/settings/email/confirm', token),
      '',
      `The link works once, for ${EMAIL_CHANGE_HOURS} hours. Until you confirm, your account keeps`,
      'its current address. If you did not ask for this, ignore this message.',
    ].join('\n'),
  };
}

/** To the address in use, when a change away from it is asked for. */
export function emailChangeNoticeMail(
  oldEmail: string,
  username: string,
  newEmail: string,
): MailMessage {
  return {
    to: oldEmail,
    subject: 'Your Inkwell email address is being changed',
    text: [
      `Hello @${username},`,
      '',
      `Someone signed in as @${username} asked to change the account's email address to`,
      `${newEmail}. Nothing changes until a link sent to that address is confirmed.`,
      '',
      'If it was not you, reset your password now: that cancels the change and signs the account',
      'out everywhere.',
      '',
      new URL('/password-reset', env().appUrl).toString(),
    ].join('\n'),
  };
}
