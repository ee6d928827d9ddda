import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.dirname(fileURLToPath(import.meta.url)),
      // `server-only` throws outside React Server Components; tests are server code too.
      'server-only': fileURLToPath(new URL('./lib/testing/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'jobs/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['lib/testing/global-setup.ts'],
    // jobs/test-setup.ts points in-process sends at the app's jobs (lib/ never imports jobs/).
    setupFiles: ['lib/testing/worker-setup.ts', 'jobs/test-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
