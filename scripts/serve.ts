/** Production (and `npm run dev`) entry: Next behind our own thin HTTP server. */
import { startServer } from '@/lib/server/http-server';

const dev = process.argv.includes('--dev');

startServer({ dev })
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
