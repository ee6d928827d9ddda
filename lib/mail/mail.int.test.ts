import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from '@/jobs/runtime';
import { setUpTestStores } from '@/lib/testing/stores';
import { deliverMail } from './deliver-mail';
import { mailRequested } from './events';
import { readMailbox } from './mailbox';
import { queueMail } from './queue-mail';

setUpTestStores();

describe('outgoing mail without an SMTP server', () => {
  it('is delivered by the mail job into the mailbox of its address', async () => {
    await queueMail({ to: 'Reader@Example.com', subject: 'Hello', text: 'A first message.' });
    await localExecutor().idle();
    const kept = await readMailbox('reader@example.com');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ subject: 'Hello', text: 'A first message.' });
  });

  it('keeps one copy of a message however often its event is delivered', async () => {
    const message = { to: 'twice@example.com', subject: 'Once', text: 'Only once.' };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await inngest.send(mailRequested.create(message, { id: 'mail:the-same-message' }));
      await localExecutor().idle();
    }
    // A step retried after it delivered.
    await deliverMail('mail:the-same-message', message);
    expect(await readMailbox('twice@example.com')).toHaveLength(1);
  });
});

describe('outgoing mail through an SMTP server', () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  let smtpUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the message from MAIL_FROM, with its id as Message-ID, and keeps no mailbox copy', async () => {
    const via = await deliverMail(
      'mail:smtp-1',
      { to: 'smtp-reader@example.com', subject: 'Through SMTP', text: 'Sent for real.' },
      { smtpUrl, from: 'Inkwell <no-reply@inkwell.test>' },
    );
    expect(via).toBe('smtp');
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('no-reply@inkwell.test');
    expect(mail?.to).toEqual(['smtp-reader@example.com']);
    expect(mail?.raw).toMatch(/^Subject: Through SMTP$/m);
    expect(mail?.raw).toMatch(/^Message-ID: <mail:smtp-1@inkwell\.test>$/im);
    expect(mail?.raw).toContain('Sent for real.');
    expect(await readMailbox('smtp-reader@example.com')).toEqual([]);
  });
});
