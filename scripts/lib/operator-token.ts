import { randomBytes } from 'node:crypto';

/**
 * This process's operator token (METRICS_TOKEN), made once: given to the app servers it starts,
 * presented in X-Metrics-Token by tests that read Server-Timing details, health details or metrics.
 */
export function operatorToken(): string {
  process.env.METRICS_TOKEN ??= randomBytes(33).toString('base64url');
  return process.env.METRICS_TOKEN;
}
