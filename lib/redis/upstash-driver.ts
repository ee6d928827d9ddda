import { Redis } from '@upstash/redis';
import type { RedisCommand, RedisDriver, RedisReply } from './types';

export interface UpstashDriverOptions {
  url: string;
  token: string;
  requestTimeoutMs?: number;
}

interface RestResult {
  result?: unknown;
  error?: string;
}

/**
 * @upstash/redis sends raw commands only one at a time (`exec`); its HTTP client, which we
 * reach through a subclass, also speaks `/pipeline`, with auth, base64 replies and retries.
 */
class RawUpstash extends Redis {
  async sendRaw(commands: readonly RedisCommand[]): Promise<RestResult[]> {
    if (commands.length === 1) {
      try {
        return [(await this.client.request({ body: commands[0] })) as RestResult];
      } catch (error) {
        // A single command's error reply comes back as HTTP 400, which the client throws.
        if (error instanceof Error && error.name === 'UpstashError')
          return [{ error: error.message }];
        throw error;
      }
    }
    return (await this.client.request({ path: ['pipeline'], body: commands })) as RestResult[];
  }
}

/** The serverless driver: Upstash's REST protocol over fetch (Upstash, or any compatible proxy). */
export function createUpstashDriver({
  url,
  token,
  requestTimeoutMs = 2_000,
}: UpstashDriverOptions): RedisDriver {
  const client = new RawUpstash({
    url,
    token,
    automaticDeserialization: false,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(requestTimeoutMs),
  });
  return {
    name: 'upstash',
    async send(commands) {
      const results = await client.sendRaw(commands);
      return results.map((entry, index) =>
        entry.error
          ? new Error(entry.error)
          : normalize(entry.result, (commands[index] as RedisCommand)[0]),
      );
    },
    async getBytes(key) {
      // REST replies are text already (JSON); nothing to save here.
      const [entry] = await client.sendRaw([['GET', key]]);
      if (entry?.error) throw new Error(entry.error);
      return typeof entry?.result === 'string' ? Buffer.from(entry.result, 'utf8') : null;
    },
    async close() {},
  };
}

function normalize(value: unknown, command: string): RedisReply {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, command));
  throw new Error(`${command}: unexpected REST reply ${JSON.stringify(value)}`);
}
