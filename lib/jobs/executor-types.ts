import type { DispatchedEvent } from './dispatched-event';

export type { DispatchedEvent };

/** `serve()`'s handler in its fetch form: the same code that answers Inngest on /api/inngest. */
export type ServeHandler = (request: Request) => Promise<Response>;

export interface ExecutorLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RunRecord {
  runId: string;
  functionId: string;
  event: DispatchedEvent;
  /** `sleeping`: written down to wake at `wakeAt`, when some executor resumes it. */
  status: 'completed' | 'failed' | 'sleeping';
  wakeAt?: number;
  output?: unknown;
  error?: unknown;
  requests: number;
  stepsRun: number;
  retries: number;
}
