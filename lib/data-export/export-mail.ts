import { env } from '@/lib/config/env';
import type { MailMessage } from '@/lib/mail/events';
import { EXPORT_LIFETIME_DAYS } from './model';
import { dataExportPath } from './paths';

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** The plain-text mail that carries the download link. */
export function exportReadyMail(
  email: string,
  username: string,
  exportId: string,
  expiresAt: string,
): MailMessage {
  const link = new URL(dataExportPath(exportId), env().appUrl);
  return {
    to: email,
    subject: 'Your Inkwell data is ready',
    text: [
      `Hello @${username},`,
      '',
      'The copy of your Inkwell data you asked for is ready: your profile, every article',
      '(drafts too) as Markdown, your comments, likes and friends, and your images, in one zip file.',
      '',
      'Download it here, signed in as yourself:',
      '',
      link.toString(),
      '',
      `The link works for ${EXPORT_LIFETIME_DAYS} days, until ${dateFormat.format(new Date(expiresAt))} UTC, and only`,
      'for you. Then the file is deleted; you can ask for a new one in your settings at any time.',
      '',
      'If you did not ask for this, change your password: someone may be signed in as you.',
    ].join('\n'),
  };
}
