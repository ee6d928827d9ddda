import 'server-only';
import { randomUUID } from 'node:crypto';
import { recordAndSend } from '@/lib/jobs/outbox';
import { logger } from '@/lib/log/logger';
import { mailRequested, type MailMessage } from './events';

/**
 * Hands a message to the mail job, through the outbox: once recorded, it is delivered even if
 * the job runner is away now. A message neither recorded nor sent is the caller's to report: the
 * person is waiting for it.
 */
export async function queueMail(message: MailMessage): Promise<void> {
  const outcome = await recordAndSend(
    mailRequested.create(message, { id: `mail:${randomUUID()}` }),
  );
  if (!outcome.recorded && !outcome.sent) throw new Error(outcome.errors.join('; '));
  if (outcome.errors.length > 0) {
    logger().warn(
      { errors: outcome.errors, eventId: outcome.entries[0]?.id },
      outcome.sent ? 'mail queued, outbox not updated' : 'mail left to the outbox relay',
    );
  }
}
