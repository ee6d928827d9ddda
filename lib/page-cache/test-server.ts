import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveCachedPage } from './page-cache';
import type { PageAudience } from './routes';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';

/**
 * A server answering articles only from the page cache (404 on a miss), as an instance's hit
 * path, for requests of `audience`.
 */
export async function pageCacheServer(
  build: string,
  audience: PageAudience,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    runWithRequestContext(createRequestContext('test'), async () => {
      const page = { path: request.url ?? '/', kind: 'article' as const, audience };
      const outcome = await serveCachedPage(request, response, page, build);
      if (!outcome.served) response.writeHead(404).end('miss');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
