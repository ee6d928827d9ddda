/**
 * A render worker: renders one Markdown body at a time, off the server's event loop. The pool
 * (worker-pool.ts) terminates it when a render overruns its time budget. Built to
 * .build/render-worker.mjs for production; run from source (through tsx) otherwise.
 */
import { parentPort } from 'node:worker_threads';
import { renderWithinLimits } from './pipeline';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('render-worker runs as a worker thread');

port.on('message', ({ id, markdown }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, outcome: renderWithinLimits(markdown) };
  } catch (error) {
    // A stack overflow or similar on a shape the limits let through: refuse, keep serving.
    reply = { id, outcome: { ok: false, reason: 'unrenderable' }, detail: String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
