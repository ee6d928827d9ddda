import { startAppServer } from '../../scripts/lib/app-server';
import { ensureTestServices } from '../../scripts/lib/test-services';

/** Starts the stores (unless `npm test` did) and one production instance for the specs. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stopServices = await ensureTestServices('e2e');
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  const app = await startAppServer({
    port: Number(process.env.E2E_PORT ?? 3100),
    instanceName: 'e2e-1',
    env: {
      MONGODB_URI: uri.toString(),
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}e2e:`,
      TRUST_PROXY: 'loopback',
      REQUEST_TIMEOUT_MS: '4000',
    },
  });
  return async () => {
    await app.stop();
    await stopServices();
  };
}
