/**
 * A render worker: renders one Markdown body at a time, off the server's event loop. The pool
 * (worker-pool.ts) terminates it when a render overruns its time budget. Built to
 * .build/render-worker.mjs for production; run from source (through tsx) otherwise.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderWithinLimits } from './pipeline';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('render-worker runs as a worker thread');

/**
 * Renders yield the CPU to the server's event loop: on Linux a thread has its own nice value, so
 * this thread (not the process) is lowered. Elsewhere it simply keeps the default priority.
 */
const RENDER_THREAD_NICE = 10;
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, RENDER_THREAD_NICE);
} catch {
  // Not Linux, or not allowed: the time budget still bounds each render.
}

port.on('message', ({ id, markdown, profile }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, outcome: renderWithinLimits(markdown, profile) };
  } catch (error) {
    // A stack overflow or similar on a shape the limits let through: refuse, keep serving.
    reply = { id, outcome: { ok: false, reason: 'unrenderable' }, detail: String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
