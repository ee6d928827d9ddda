import { randomUUID } from 'node:crypto';
import { Inngest, Middleware } from 'inngest';
import { resolveJobsMode } from '@/lib/config/env';
import { globalSingleton } from '@/lib/util/global-singleton';
import type { DispatchedEvent } from './dispatched-event';
import { SealMiddleware } from './sealed-events';
import { jobsSigningKey } from './signing';

type Dispatch = (events: readonly DispatchedEvent[]) => Promise<string[]>;

const dispatchSlot = globalSingleton('jobsDispatch', () => ({
  /** The in-process executor's, set as it is created (runtime.ts). */
  executor: undefined as Dispatch | undefined,
  /** A test's own executor, in its place. */
  override: undefined as Dispatch | undefined,
}));

/** Where in-process sends go: to the executor, once runtime.ts created it. */
export function setExecutorDispatch(dispatch: Dispatch): void {
  dispatchSlot.executor = dispatch;
}

/** Tests point sends at their own executor; `undefined` restores the default. */
export function setLocalDispatch(dispatch: Dispatch | undefined): void {
  dispatchSlot.override = dispatch;
}

function localDispatch(): Dispatch | undefined {
  if (dispatchSlot.override) return dispatchSlot.override;
  if (resolveJobsMode(process.env) !== 'in-process') return undefined;
  if (dispatchSlot.executor) return dispatchSlot.executor;
  // The executor runs the functions of jobs/, which lib/ never imports: a process that sends
  // creates it first (`localExecutor()` from jobs/runtime.ts; instrumentation.ts in a server).
  throw new Error('in-process jobs: this process has no executor (jobs/runtime.ts)');
}

/**
 * With no Inngest configured, events never leave the process: `inngest.send` and `step.sendEvent`
 * both pass through here, and the in-process executor runs the matching functions.
 */
class LocalDispatchMiddleware extends Middleware.BaseMiddleware {
  readonly id = 'inkwell-local-dispatch';

  override async wrapSendEvent({ events, next }: Middleware.WrapSendEventArgs) {
    const dispatch = localDispatch();
    if (!dispatch) return next();
    const now = Date.now();
    const ids = await dispatch(
      events.map((event) => ({
        id: event.id ?? randomUUID(),
        name: event.name,
        data: { ...(event.data as Record<string, unknown> | undefined) },
        ts: event.ts ?? now,
      })),
    );
    return { ids };
  }
}

const SEND_TIMEOUT_MS = 5_000;

const mode = resolveJobsMode(process.env);

/**
 * The in-process mode never contacts Inngest: sends are handed to the executor by the middleware
 * above. Should anything in the SDK still try (a sync, a send with no executor), it fails here
 * instead of reaching the network.
 */
const refuseNetwork = (input: RequestInfo | URL): Promise<Response> =>
  Promise.reject(
    new Error(
      `in-process jobs never contact Inngest (attempted ${input instanceof Request ? input.url : String(input)})`,
    ),
  );

/**
 * The one Inngest client; every function in jobs/ is created from it.
 *
 * Cloud mode (signatures verified) in every mode but the Inngest dev server's, which does not
 * sign: the in-process executor signs its calls with the same key that /api/inngest verifies,
 * so nothing else that reaches the endpoint can run a function. In-process, the event key is a
 * placeholder that only passes the SDK's "no event key" check; events never leave the process.
 */
export const inngest = new Inngest({
  id: 'inkwell',
  isDev: mode === 'inngest-dev',
  signingKey: mode === 'inngest-dev' ? undefined : jobsSigningKey(),
  ...(mode === 'in-process' ? { eventKey: 'in-process-events-never-leave' } : {}),
  ...(mode === 'inngest-dev' && /^https?:\/\//.test(process.env.INNGEST_DEV ?? '')
    ? { baseUrl: process.env.INNGEST_DEV }
    : {}),
  // Sealed kinds (mail) get their seal (transformSendEvent) before a send goes anywhere.
  middleware: [SealMiddleware, LocalDispatchMiddleware],
  // The SDK sets no timeout: a server that accepts and never answers would hang a request.
  fetch:
    mode === 'in-process'
      ? refuseNetwork
      : (input: RequestInfo | URL, init?: RequestInit) =>
          fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(SEND_TIMEOUT_MS) }),
});
