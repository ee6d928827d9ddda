import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start a render worker: a file (the production build) or code to evaluate (from source). */
export type WorkerScript = { kind: 'file'; file: string } | { kind: 'eval'; code: string };

/**
 * The app folder. Next bundles server code, so no module here knows where it lives: the server
 * entry (scripts/serve.ts) records the folder it serves in INKWELL_APP_DIR; tests, `next dev` and
 * the scripts run from the app folder itself.
 */
function appDir(): string {
  return process.env.INKWELL_APP_DIR ?? process.cwd();
}

/**
 * Production runs the worker built next to the server (`npm run build:server` writes
 * .build/render-worker.mjs). Elsewhere (vitest, `next dev`, the seed script) the worker bundles
 * its TypeScript source with esbuild when it starts, so it always runs the current code.
 */
export function renderWorkerScript(): WorkerScript {
  const root = appDir();
  if (process.env.NODE_ENV === 'production') {
    const file = path.join(root, '.build', 'render-worker.mjs');
    if (!existsSync(file)) {
      throw new Error(`no render worker at ${file}: run \`npm run build\` (build:server makes it)`);
    }
    return { kind: 'file', file };
  }
  const source = path.join(root, 'lib', 'articles', 'render', 'render-worker.ts');
  const esbuild = path.join(root, 'node_modules', 'esbuild');
  // Under .tmp in the app folder, so the bundle's package imports resolve to node_modules.
  const outDir = path.join(root, '.tmp', 'render-worker');
  const code = `
    const { buildSync } = require(${JSON.stringify(esbuild)});
    const { threadId } = require('node:worker_threads');
    const { readdirSync, rmSync, statSync } = require('node:fs');
    const { join } = require('node:path');
    const outDir = ${JSON.stringify(outDir)};
    // Bundles left by processes that ended before their worker had loaded.
    try {
      for (const name of readdirSync(outDir)) {
        const file = join(outDir, name);
        if (Date.now() - statSync(file).mtimeMs > 600000) rmSync(file, { force: true });
      }
    } catch {}
    const outfile = join(outDir, process.pid + '-' + threadId + '.mjs');
    buildSync({ entryPoints: [${JSON.stringify(source)}], bundle: true, platform: 'node',
      target: 'node20', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
    import(require('node:url').pathToFileURL(outfile).href).finally(() => rmSync(outfile, { force: true }));
  `;
  return { kind: 'eval', code };
}

/** For messages: what a script is. */
export function describeWorkerScript(script: WorkerScript): string {
  return script.kind === 'file'
    ? pathToFileURL(script.file).href
    : 'render-worker.ts (from source)';
}
