import { createServer, type Server } from 'node:http';
import IORedis from 'ioredis';

type Reply = string | number | null | Reply[];

export interface UpstashBridge {
  url: string;
  token: string;
  /** Every request body received, to show what the client really sent. */
  received: { path: string; encoding: string | undefined; body: unknown }[];
  close(): Promise<void>;
}

/**
 * A small server speaking Upstash's REST protocol in front of a real Redis: POST / with one
 * command as a JSON array, POST /pipeline and /multi-exec with an array of commands, Bearer auth,
 * and base64-encoded results when the client asks with `Upstash-Encoding: base64`.
 */
export async function startUpstashBridge(
  redisUrl: string,
  token = 'test-token',
): Promise<UpstashBridge> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1, protocol: 2 });
  redis.on('error', () => {});
  const received: UpstashBridge['received'] = [];

  const execute = async (command: unknown): Promise<{ result?: Reply; error?: string }> => {
    if (!Array.isArray(command) || command.length === 0 || typeof command[0] !== 'string') {
      return { error: 'ERR invalid command' };
    }
    const [name, ...args] = command as [string, ...(string | number | boolean)[]];
    try {
      return { result: (await redis.call(name, ...args.map(String))) as Reply };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (request.headers.authorization !== `Bearer ${token}`)
        return send(401, { error: 'Unauthorized' });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, { error: 'ERR failed to parse command' });
      }
      const encoding = request.headers['upstash-encoding'] as string | undefined;
      const base64 = encoding?.toLowerCase() === 'base64';
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      received.push({ path, encoding, body });
      const encode = (entry: { result?: Reply; error?: string }) =>
        entry.error !== undefined
          ? { error: entry.error }
          : { result: base64 ? encodeReply(entry.result ?? null) : entry.result };

      if (path === '/pipeline' || path === '/multi-exec') {
        if (!Array.isArray(body))
          return send(400, { error: 'ERR pipeline body must be an array of commands' });
        const results = [];
        for (const command of body) results.push(encode(await execute(command)));
        return send(200, results);
      }
      const result = await execute(body);
      return send(result.error !== undefined ? 400 : 200, encode(result));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    received,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}

/** Upstash sends bulk strings base64-encoded and the status reply OK as is. */
function encodeReply(reply: Reply): Reply {
  if (typeof reply === 'string')
    return reply === 'OK' ? reply : Buffer.from(reply, 'utf8').toString('base64');
  if (Array.isArray(reply)) return reply.map(encodeReply);
  return reply;
}
