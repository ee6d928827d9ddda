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

/**
 * Sends one message through SMTP_URL, or keeps it in the mailbox when none is configured. The
 * message id goes along as Message-ID, so a server that sees a retried message can tell.
 */
export async function deliverMail(id: string, message: MailMessage): Promise<'smtp' | 'mailbox'> {
  const config = env();
  if (config.SMTP_URL) {
    const domain = /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'inkwell.localhost';
    await smtp(config.SMTP_URL).sendMail({
      from: config.MAIL_FROM,
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
