import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { freePort, startProcess, stopProcess, waitForPort } from '../lib/processes';

/**
 * The ceiling of a page-cache hit: a bare Node `http` server, in a process of its own, sending the
 * exact bytes and headers the app sent for a page (fetched once, compressed as a browser asks)
 * from memory, with no work at all per request.
 */
const SERVE = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.env.BARE_BODY);
const headers = JSON.parse(readFileSync(process.env.BARE_HEADERS, 'utf8'));
const server = createServer((request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.BARE_PORT), '127.0.0.1');
`;

// Set by Node itself on every response, or meaningless when replayed.
const PER_CONNECTION = new Set(['connection', 'keep-alive', 'date', 'transfer-encoding']);

/** The response to one GET exactly as sent (body not decoded). */
function fetchRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined || PER_CONNECTION.has(name)) continue;
          kept[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ headers: kept, body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

export interface BareServer {
  url: string;
  bytes: number;
  encoding: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the bare server with the bytes and headers `url` answers with `headers`. */
export async function startBareServer(
  url: string,
  headers: Record<string, string>,
  dir: string,
): Promise<BareServer> {
  const page = await fetchRaw(url, headers);
  const bodyFile = path.join(dir, 'bare-body');
  const headersFile = path.join(dir, 'bare-headers.json');
  writeFileSync(bodyFile, page.body);
  writeFileSync(headersFile, JSON.stringify(page.headers));
  const port = await freePort();
  const child = startProcess(process.execPath, ['-e', SERVE], {
    env: {
      NODE_ENV: 'production',
      BARE_BODY: bodyFile,
      BARE_HEADERS: headersFile,
      BARE_PORT: String(port),
    },
  });
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}/`,
    bytes: page.body.length,
    encoding: page.headers['content-encoding'] ?? 'identity',
    pid: child.pid,
    stop: () => stopProcess(child),
  };
}
