import { env } from '@/lib/config/env';
import { presentsSecret } from './secret-token';

/** The header operators present METRICS_TOKEN in. */
export const OPERATOR_HEADER = 'x-metrics-token';

/** Whether a request comes from an operator (it presents METRICS_TOKEN); never when none is set. */
export function isOperator(presented: string | string[] | null | undefined): boolean {
  return presentsSecret(typeof presented === 'string' ? presented : null, env().METRICS_TOKEN);
}
