import { describe, expect, it } from 'vitest';
import { inngest } from '@/lib/jobs/client';
import { localExecutor } from '@/lib/jobs/runtime';
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
