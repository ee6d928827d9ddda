/**
 * `npm run search:rebuild` (`node .build/search-rebuild.js` in the image): fills the search index
 * from MongoDB, for a fresh or lost engine (docs/deploy.md, "Search"). Safe to run again: every
 * document is written with REPLACE.
 *
 *   npm run search:rebuild              asks the running instances' jobs (outbox, then the
 *                                       rebuild job in resumable 200-document steps)
 *   npm run search:rebuild -- --here    rebuilds in this process and waits (no instance needed,
 *                                       as the demo's seed does)
 *
 * Uses MONGODB_URI and SEARCH_URL as the app does. Exits 0 on success, 1 with a message otherwise.
 */
import { disconnectDb } from '../lib/db/connection';
import { closeSearchEngine } from '../lib/search/engine';
import { rebuildSearchIndexNow } from '../lib/search/rebuild';
import { requestSearchRebuild } from '../lib/search/request-rebuild';

const USAGE = 'usage: npm run search:rebuild [-- --here]';

export async function runSearchRebuild(
  argv: readonly string[],
): Promise<{ code: number; message: string }> {
  const [mode, ...rest] = argv;
  if (rest.length > 0 || (mode !== undefined && mode !== '--here'))
    return { code: 1, message: USAGE };
  if (mode === '--here') {
    const { articles, people } = await rebuildSearchIndexNow();
    return { code: 0, message: `search index rebuilt: ${articles} articles, ${people} people` };
  }
  const id = await requestSearchRebuild();
  return {
    code: 0,
    message: `search rebuild requested (event ${id}); a running instance's jobs carry it out`,
  };
}

if (process.argv[1] && /search-rebuild\.(ts|js)$/.test(process.argv[1])) {
  runSearchRebuild(process.argv.slice(2))
    .then(async ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      await closeSearchEngine();
      await disconnectDb();
      // A Redis connection opened by a module would keep the process alive.
      process.exit(code);
    })
    .catch((error: unknown) => {
      console.error('search rebuild failed:', error);
      process.exit(1);
    });
}
