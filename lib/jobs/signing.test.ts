import { randomBytes } from 'node:crypto';
import { Inngest, type InngestFunction } from 'inngest';
import { serve } from 'inngest/next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobsHandler } from '@/jobs/runtime';
import { inngest, setLocalDispatch } from './client';
import { LocalExecutor, type ServeHandler } from './local-executor';
import { fetchHandlerOf } from './runtime';
import { jobsSigningKey, SIGNATURE_HEADER, signatureFor, signedBody } from './signing';

/*
 * /api/inngest runs a function only for a call signed the way Inngest signs, with this
 * deployment's key; the in-process executor signs its own calls so.
 */

const ran: unknown[] = [];
const echo = inngest.createFunction(
  { id: 'test-signed-echo', retries: 0, triggers: [{ event: 'test/signed-echo' }] },
  async ({ event }) => {
    ran.push(event.data);
    return event.data;
  },
);
const handler = fetchHandlerOf(serve({ client: inngest, functions: [echo] }));

function runBody(data: Record<string, unknown>) {
  const event = { id: randomBytes(8).toString('hex'), name: 'test/signed-echo', data, ts: 1 };
  return {
    event,
    events: [event],
    steps: {},
    ctx: {
      run_id: randomBytes(8).toString('hex'),
      attempt: 0,
      max_attempts: 1,
      disable_immediate_execution: false,
      stack: { stack: [], current: -1 },
    },
    version: 2,
  };
}

function post(
  target: ServeHandler,
  text: string,
  signature?: string,
  fnId = 'inkwell-test-signed-echo',
) {
  return target(
    new Request(`http://app.test/api/inngest?fnId=${fnId}&stepId=step`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { [SIGNATURE_HEADER]: signature } : {}),
      },
      body: text,
    }),
  );
}

afterEach(() => {
  ran.length = 0;
  setLocalDispatch(undefined);
  vi.restoreAllMocks();
});

describe('calls to /api/inngest', () => {
  const key = jobsSigningKey() as string;
  // Keys out of order, nesting, unicode, numbers: the SDK checks the canonical form of the body.
  const data = { zeta: 1, alpha: { b: [3, { y: 'ÿ', x: null }], a: 1.5e-7 }, ключ: 'значение' };

  it('run the function when signed with the deployment key, as Inngest signs', async () => {
    const body = signedBody(runBody(data), key);
    const response = await post(handler, body.text, body.signature);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(data);
    expect(ran).toEqual([data]);
  });

  it('run nothing when unsigned, wrongly signed, tampered with or stale (401)', async () => {
    const body = runBody({ to: 'victim@example.com' });
    const text = JSON.stringify(body);
    const other = `signkey-test-${randomBytes(32).toString('hex')}`;
    const fresh = signedBody(body, key);
    const tampered = signedBody(runBody({ to: 'someone-else@example.com' }), key);
    const attempts = {
      unsigned: await post(handler, text),
      'another key': await post(handler, fresh.text, signedBody(body, other).signature),
      'garbled header': await post(handler, fresh.text, 'garbage'),
      'another body': await post(handler, fresh.text, tampered.signature),
      'ten minutes old': await post(
        handler,
        fresh.text,
        signedBody(body, key, Date.now() - 10 * 60_000).signature,
      ),
      'ten minutes ahead': await post(
        handler,
        fresh.text,
        signedBody(body, key, Date.now() + 10 * 60_000).signature,
      ),
    };
    for (const [attempt, response] of Object.entries(attempts)) {
      expect(response.status, attempt).toBe(401);
      expect(await response.text(), attempt).not.toContain('victim');
    }
    expect(ran).toEqual([]);
  });

  it('describe nothing to an unsigned GET, and refuse an unsigned PUT, like Inngest’s production mode', async () => {
    const app = fetchHandlerOf(jobsHandler());
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const described = await app(new Request('http://app.test/api/inngest'));
    expect(described.status).toBe(401);
    const text = await described.text();
    expect(text).not.toMatch(/send-mail|function|signing|event_key|mode/);
    const synced = await app(new Request('http://app.test/api/inngest', { method: 'PUT' }));
    expect(synced.status).toBe(401);
    expect(fetchSpy).not.toHaveBeenCalled();

    // Signed as Inngest signs a GET (an empty body), the same request describes the app.
    const now = Math.floor(Date.now() / 1000);
    const signedGet = await app(
      new Request('http://app.test/api/inngest', {
        headers: { [SIGNATURE_HEADER]: `t=${now}&s=${signatureFor('', key, now)}` },
      }),
    );
    expect(signedGet.status).toBe(200);
    expect(await signedGet.json()).toMatchObject({ authentication_succeeded: true });
  });

  it('verify a signkey-<env>- key on its part after the prefix, as the SDK does', async () => {
    const secret = randomBytes(32).toString('hex');
    const client = new Inngest({
      id: 'prefix-test',
      isDev: false,
      signingKey: `signkey-prod-${secret}`,
      eventKey: 'unused',
    });
    const fn = client.createFunction(
      { id: 'echo', retries: 0, triggers: [{ event: 'test/signed-echo' }] },
      async ({ event }) => event.data,
    );
    const prefixed = fetchHandlerOf(serve({ client, functions: [fn] }));
    for (const signingKey of [`signkey-prod-${secret}`, `signkey-branch-${secret}`, secret]) {
      const body = signedBody(runBody({ n: 1 }), signingKey);
      const response = await post(prefixed, body.text, body.signature, 'prefix-test-echo');
      expect(response.status, signingKey.slice(0, 14)).toBe(200);
    }
    const wrong = signedBody(runBody({ n: 1 }), `signkey-prod-${secret.slice(1)}0`);
    expect((await post(prefixed, wrong.text, wrong.signature, 'prefix-test-echo')).status).toBe(
      401,
    );
  });
});

describe('the in-process executor', () => {
  function executorFor(functions: InngestFunction.Any[], signingKey?: string) {
    const executor = new LocalExecutor({
      appId: inngest.id,
      functions,
      handler: fetchHandlerOf(serve({ client: inngest, functions })),
      retryBaseMs: 5,
      signingKey,
    });
    setLocalDispatch((events) => executor.dispatch(events));
    return executor;
  }

  it('signs its calls, and runs functions and the events they send without any network request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const child = inngest.createFunction(
      { id: 'test-signed-child', triggers: [{ event: 'test/signed-child' }] },
      async ({ event }) => event.data,
    );
    const parent = inngest.createFunction(
      { id: 'test-signed-parent', triggers: [{ event: 'test/signed-parent' }] },
      async ({ step }) => {
        await step.sendEvent('hand-over', { name: 'test/signed-child', data: { from: 'parent' } });
        return 'sent';
      },
    );
    const executor = executorFor([parent, child]);
    await inngest.send({ name: 'test/signed-parent', data: {} });
    await executor.idle();
    expect(executor.history.map((run) => [run.functionId, run.status, run.output])).toEqual(
      expect.arrayContaining([
        ['inkwell-test-signed-parent', 'completed', 'sent'],
        ['inkwell-test-signed-child', 'completed', { from: 'parent' }],
      ]),
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('gets nothing run with another key than the deployment’s', async () => {
    const executor = executorFor([echo], `signkey-test-${randomBytes(32).toString('hex')}`);
    await inngest.send({ name: 'test/signed-echo', data: { n: 1 } });
    await executor.idle();
    expect(executor.history[0]?.status).toBe('failed');
    expect(ran).toEqual([]);
  });

  it('is served by a client in the SDK’s cloud mode (signatures verified)', () => {
    expect(inngest.mode).toBe('cloud');
  });
});
