import { createTransport, type Transporter } from 'nodemailer';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { globalSingleton } from '@/lib/util/global-singleton';
import type { MailMessage } from './events';
import { keepInMailbox } from './mailbox';

const transports = globalSingleton('smtpTransports', () => new Map<string, Transporter>());

function smtp(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

export interface MailSettings {
  smtpUrl?: string;
  from: string;
}

function configuredSettings(): MailSettings {
  const config = env();
  return { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM };
}

/**
 * Sends one message through SMTP_URL, or keeps it in the mailbox when none is configured. The
 * message id goes along as Message-ID, so a server that sees a retried message can tell.
 */
export async function deliverMail(
  id: string,
  message: MailMessage,
  settings: MailSettings = configuredSettings(),
): Promise<'smtp' | 'mailbox'> {
  if (settings.smtpUrl) {
    const domain = /@([^>\s]+)/.exec(settings.from)?.[1] ?? 'inkwell.localhost';
    await smtp(settings.smtpUrl).sendMail({
      from: settings.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${id}@${domain}>`,
    });
    return 'smtp';
  }
  await keepInMailbox(id, message);
  // Without SMTP this log line is how a person running the demo reads their mail.
  logger().info(
    { to: message.to, subject: message.subject, text: message.text },
    'mail kept in the mailbox (no SMTP_URL set)',
  );
  return 'mailbox';
}
