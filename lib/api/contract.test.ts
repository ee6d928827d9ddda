import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from './contract';

/** Routes that answer through a gate of their own (uploads, the sign-in being rebuilt). */
/** Routes the server answers before Next runs (lib/server/http-server.ts), from one lib function. */
const ANSWERED_BY_SERVER = new Map([
  ['readerState', 'serveReaderState'],
  ['search', 'serveSearch'],
  ['searchSuggestions', 'serveSuggestions'],
]);
const ANSWERED_ELSEWHERE = new Set(['uploadAvatar', 'uploadCover', 'uploadArticleImage']);

describe('the API contract', () => {
  const placeholders = { id: '[id]', handle: '[handle]' };
  for (const [name, route] of Object.entries(api)) {
    const serverHandler = ANSWERED_BY_SERVER.get(name);
    if (serverHandler) {
      it(`${name}: ${route.method} is answered by the server, before Next`, () => {
        const source = readFileSync(path.join(process.cwd(), 'lib/server/before-next.ts'), 'utf8');
        expect(source).toContain(`${serverHandler}(request, response)`);
        expect(
          readFileSync(path.join(process.cwd(), 'lib/server/http-server.ts'), 'utf8'),
        ).toContain('answerBeforeNext(path, request, response, log)');
        expect(
          existsSync(
            path.join(
              process.cwd(),
              'app',
              (route.path({ article: null, q: '' } as never) as string).split('?')[0] as string,
              'route.ts',
            ),
          ),
        ).toBe(false);
      });
      continue;
    }
    it(`${name}: ${route.method} has a route handler that answers through its entry`, () => {
      // A GET's query string is not part of where its handler lives.
      const urlPath = (route.path as (params: typeof placeholders) => string)(placeholders).split(
        '?',
      )[0] as string;
      const file = path.join(process.cwd(), 'app', urlPath, 'route.ts');
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, 'utf8');
      expect(source).toMatch(new RegExp(`export (async )?function ${route.method}\\b`));
      if (!ANSWERED_ELSEWHERE.has(name)) expect(source).toContain(`respond(api.${name},`);
    });
  }
});
