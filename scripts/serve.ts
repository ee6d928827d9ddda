/** Production (and `npm run dev`) entry: Next behind our own thin HTTP server. */
import path from 'node:path';
import { startServer } from '@/lib/server/http-server';

const dev = process.argv.includes('--dev');
// This file runs as scripts/serve.ts (tsx) or bundled as .build/server.js: either way the app
// folder is one level up.
const dir = path.resolve(__dirname, '..');
// Server code bundled by Next cannot tell where the app lives; the render workers need to know.
process.env.INKWELL_APP_DIR ??= dir;

startServer({ dev, dir })
  .then((server) => {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      console.error(`received ${signal}, shutting down`);
      // Give open requests a moment, then leave regardless.
      setTimeout(() => process.exit(0), 5_000).unref();
      server.close().finally(() => process.exit(0));
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
