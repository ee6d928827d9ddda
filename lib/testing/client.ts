import { createRequestContext, runWithRequestContext } from '@/lib/request/context';

/** Runs `work` as a request from `ip`, so per-client limits count it there. */
export function fromClient<T>(ip: string, work: () => Promise<T>): Promise<T> {
  return runWithRequestContext(createRequestContext(`t${ip}`, { ip, userAgent: 'test' }), work);
}

let clients = 0;

/** A client address of its own for each call (a documentation range). */
export function clientIp(): string {
  clients += 1;
  return `203.0.113.${clients}`;
}
