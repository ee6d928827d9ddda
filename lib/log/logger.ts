import pino, { type Logger } from 'pino';
import { env } from '@/lib/config/env';
import { currentRequestContext } from '@/lib/request/context';
import { globalSingleton } from '@/lib/util/global-singleton';

/** Structured JSON logs; every line written inside a request carries its request id. */
export function logger(): Logger {
  return globalSingleton('logger', () => {
    const { LOG_LEVEL, instanceName } = env();
    return pino({
      level: LOG_LEVEL,
      base: { instance: instanceName },
      mixin() {
        const requestId = currentRequestContext()?.requestId;
        return requestId ? { requestId } : {};
      },
    });
  });
}
