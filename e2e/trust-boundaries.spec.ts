import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import {
  expect,
  operatorHeaders,
  randomClientIp,
  signUpViaApi,
  test,
  type TestAccount,
} from './support/fixtures';

/*
 * The trust boundary between the browser and an instance, attacked as a hostile user would:
 * cookies and paths the page cache and the renderer might read differently, bodies that are too
 * large, too slow or of unknown length, methods and escapes no route expects. Nothing may answer
 * 5xx, show one person's page to another, or keep a signed-in render in the shared cache.
 */

const COOKIE = 'inkwell.session';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** A request exactly as written (methods, headers and declared lengths no browser would send). */
function raw(
  baseURL: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    /** Written after the headers; the request is then left open unless `end`. */
    body?: string;
    end?: boolean;
    timeoutMs?: number;
  },
): Promise<RawResponse> {
  const url = new URL(baseURL);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: { 'X-Forwarded-For': randomClientIp(), ...options.headers },
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 200_000) body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            ms: Date.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    // A CONNECT is answered on the 'connect' event (a tunnel), never as a response.
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: '',
        ms: Date.now() - started,
      });
    });
    req.on('timeout', () =>
      req.destroy(new Error(`no answer to ${options.method} ${options.path}`)),
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    if (options.end !== false) req.end();
  });
}

async function sessionOf(context: APIRequestContext): Promise<string> {
  const state = await context.storageState();
  const cookie = state.cookies.find((candidate) => candidate.name === COOKIE);
  if (!cookie) throw new Error('not signed in');
  return cookie.value;
}

/** Someone signed in with an article, whose page and profile the page cache may keep. */
async function authorWithArticle(
  playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } },
  baseURL: string,
): Promise<{
  context: APIRequestContext;
  account: TestAccount;
  session: string;
  articleId: string;
  articlePath: string;
}> {
  const context = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: baseURL },
  });
  const account = await signUpViaApi(context, baseURL);
  const draft = (await (
    await context.post('/api/articles', {
      data: { title: `Boundary ${Date.now()}`, body: 'Read by strangers.', tags: 'boundary' },
    })
  ).json()) as { id: string };
  const published = await context.post(`/api/articles/${draft.id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(200);
  const { slug } = (await published.json()) as { slug: string };
  return {
    context,
    account,
    session: await sessionOf(context),
    articleId: draft.id,
    articlePath: `/u/${account.username.toLowerCase()}/${slug}`,
  };
}

test.describe('the shared page cache', () => {
  test('an ambiguous session cookie is never rendered signed in nor kept for everyone', async ({
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const victim = await authorWithArticle(playwright, base);
    const profile = `/u/${victim.account.username.toLowerCase()}`;
    const menu = `Account menu for ${victim.account.username}`;
    const ambiguous = [
      `${COOKIE}=; ${COOKIE}=${victim.session}`,
      `${COOKIE}=${victim.session}; ${COOKIE}=`,
      `${COOKIE}=${victim.session}; ${COOKIE}=${victim.session}`,
      `${COOKIE}="${victim.session}"`,
      `${COOKIE}=%${victim.session.slice(1)}`,
      `INKWELL.SESSION=${victim.session}`,
    ];
    for (const pagePath of ['/', profile, victim.articlePath]) {
      for (const cookie of ambiguous) {
        // Twice: a first render could have been kept, the second would be served from it.
        for (let round = 0; round < 2; round += 1) {
          const response = await raw(base, {
            method: 'GET',
            path: pagePath,
            headers: { Cookie: cookie, ...operatorHeaders() },
          });
          expect(response.status, `${pagePath} with ${cookie}`).toBe(200);
          expect(response.body, `${pagePath} with ${cookie}`).not.toContain(menu);
          expect(String(response.headers['server-timing'])).not.toContain('cache-page');
        }
      }
      // What everyone else gets for that URL, rendered or from the cache, is nobody's page.
      for (let round = 0; round < 3; round += 1) {
        const anonymous = await raw(base, { method: 'GET', path: pagePath });
        expect(anonymous.status).toBe(200);
        expect(anonymous.body).not.toContain(menu);
        expect(anonymous.body).not.toContain('Sign out');
      }
    }
    // The victim's own, unambiguous cookie still signs them in.
    const own = await raw(base, {
      method: 'GET',
      path: '/',
      headers: { Cookie: `${COOKIE}=${victim.session}` },
    });
    expect(own.body).toContain(menu);
    await victim.context.dispose();
  });

  test('every page has one address: other spellings answer 308, bad escapes 400', async ({
    baseURL,
    playwright,
  }) => {
    const base = baseURL as string;
    const author = await authorWithArticle(playwright, base);
    const name = author.account.username.toLowerCase();
    const upper = name.toUpperCase();
    const escaped = `%${name.charCodeAt(0).toString(16)}${name.slice(1)}`;
    for (const [written, canonical] of [
      [`/u/${upper}`, `/u/${name}`],
      [`/u/${escaped}`, `/u/${name}`],
      [`/u/${upper}?before=1`, `/u/${name}?before=1`],
      [author.articlePath.replace(`/u/${name}`, `/u/${upper}`), author.articlePath],
      [author.articlePath.toUpperCase().replace('/U/', '/u/'), author.articlePath],
      ['/t/BOUNDARY', '/t/boundary'],
    ] as const) {
      const response = await raw(base, { method: 'GET', path: written });
      expect(response.status, written).toBe(308);
      expect(response.headers.location, written).toBe(canonical);
    }
    for (const bad of [
      '/u/%ff',
      '/media/%ff',
      '/t/%E0%A4%A',
      `/u/${name}/%c0`,
      '/api/articles/%zz',
      '//evil.example/%61',
    ]) {
      const response = await raw(base, { method: 'GET', path: bad });
      expect(response.status, bad).toBe(400);
    }
    for (const method of ['TRACE', 'CONNECT', 'PROPFIND', 'LINK']) {
      const response = await raw(base, { method, path: '/' });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toContain('GET');
    }
    // A method HTTP does not define never gets past Node's parser.
    expect((await raw(base, { method: 'FOO', path: '/' })).status).toBe(400);
    await author.context.dispose();
  });
});

test.describe('request bodies', () => {
  test('a body over its route’s limit is refused before it is read', async ({ baseURL }) => {
    const base = baseURL as string;
    // Ten uploads that declare 9.9 MB and send almost nothing: each answer comes at once,
    // without waiting for (or holding) the body.
    for (let index = 0; index < 10; index += 1) {
      for (const target of [
        '/api/articles/preview',
        '/api/profile/avatar',
        '/api/articles/ffffffffffffffffffffffff/images',
        '/api/sessions',
      ]) {
        const response = await raw(base, {
          method: 'POST',
          path: target,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(9_900_000),
            Origin: base,
          },
          body: '{"body": "',
          end: false,
        });
        expect(response.status, target).toBe(413);
        expect(response.ms, target).toBeLessThan(5_000);
      }
    }
  });

  test('a body of unknown length is refused; a slow one is cut off', async ({ baseURL }) => {
    const base = baseURL as string;
    const chunked = await raw(base, {
      method: 'POST',
      path: '/api/articles/preview',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', Origin: base },
      body: '5\r\n{"a":\r\n',
      end: false,
    });
    expect(chunked.status).toBe(411);
    // The e2e instance cuts requests off after 4 s (REQUEST_TIMEOUT_MS).
    const slow = await raw(base, {
      method: 'POST',
      path: '/api/sessions',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '1000', Origin: base },
      body: '{"identifier": "',
      end: false,
      timeoutMs: 20_000,
    });
    expect(slow.status).toBe(408);
  });
});

/** Every route of the app, with its dynamic segments filled in, and the methods it exports. */
function appRoutes(fill: Record<string, string>): { path: string; methods: string[] }[] {
  const root = path.join(process.cwd(), 'app');
  const routes: { path: string; methods: string[] }[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const segment = entry.name.replace(/^\[\.{0,3}(\w+)\]$/, (_match, name: string) => {
          const value = fill[name];
          if (value === undefined) throw new Error(`no value for [${name}]`);
          return value;
        });
        walk(path.join(dir, entry.name), [...segments, segment]);
      } else if (entry.name === 'page.tsx') {
        routes.push({ path: `/${segments.join('/')}`, methods: ['GET'] });
      } else if (entry.name === 'route.ts') {
        const source = readFileSync(path.join(dir, entry.name), 'utf8');
        const methods = [
          ...source.matchAll(/export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g),
        ].map((match) => match[1] as string);
        routes.push({ path: `/${segments.join('/')}`, methods });
      }
    }
  };
  walk(root, []);
  return routes;
}

test('a hostile pass over every route: no 5xx, no other person’s content, nothing kept signed in', async ({
  baseURL,
  playwright,
}) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const owner = await authorWithArticle(playwright, base);
  const menu = `Account menu for ${owner.account.username}`;
  const routes = appRoutes({
    username: owner.account.username.toLowerCase(),
    slug: owner.articlePath.split('/').pop() as string,
    id: owner.articleId,
    tag: 'boundary',
    path: 'avatars/nothing.webp',
    handle: 'x'.repeat(22),
    nextauth: 'session',
    file: '1.xml',
  });
  expect(routes.length).toBeGreaterThan(30);
  const cookieVariants: Record<string, string | undefined> = {
    none: undefined,
    repeated: `${COOKIE}=; ${COOKIE}=${owner.session}`,
    malformed: `${COOKIE}=${'!'.repeat(43)}`,
    unknown: `${COOKIE}=${'a'.repeat(43)}`,
    huge: `${COOKIE}=${'a'.repeat(6_000)}`,
  };
  const bodies: Record<string, { type: string; body: string }> = {
    empty: { type: 'application/json', body: '' },
    garbage: { type: 'application/json', body: '{"a":' },
    wrongType: { type: 'text/plain', body: 'hello' },
    operator: { type: 'application/json', body: '{"$where":"1","__proto__":{"x":1}}' },
    form: { type: 'application/x-www-form-urlencoded', body: 'a=1&a=2' },
  };
  const failures: string[] = [];
  const check = (label: string, response: RawResponse) => {
    if (response.status >= 500) failures.push(`${label} → ${response.status}`);
    if (response.body.includes(menu)) failures.push(`${label} showed the owner's page`);
  };
  for (const route of routes) {
    for (const method of route.methods) {
      for (const [cookieName, cookie] of Object.entries(cookieVariants)) {
        const headers: Record<string, string> = { Origin: base };
        if (cookie) headers.Cookie = cookie;
        if (method === 'GET') {
          check(
            `GET ${route.path} (${cookieName})`,
            await raw(base, { method, path: route.path, headers }),
          );
          continue;
        }
        for (const [bodyName, { type, body }] of Object.entries(bodies)) {
          check(
            `${method} ${route.path} (${cookieName}, ${bodyName})`,
            await raw(base, {
              method,
              path: route.path,
              headers: {
                ...headers,
                'Content-Type': type,
                'Content-Length': String(Buffer.byteLength(body)),
              },
              body,
            }),
          );
        }
      }
      // Spellings of the path: case, escapes, a trailing slash, a double slash.
      for (const variant of [
        route.path.toUpperCase(),
        route.path.replace(
          /\/(\w)/,
          (_m, first: string) => `/%${first.charCodeAt(0).toString(16)}`,
        ),
        `${route.path}/`,
        `/${route.path}`,
      ]) {
        check(
          `${method} ${variant}`,
          await raw(base, { method, path: variant, headers: { Origin: base } }),
        );
      }
    }
  }
  expect(failures).toEqual([]);
  // After all of it, what the page cache holds for everyone is nobody's page.
  for (const pagePath of ['/', `/u/${owner.account.username.toLowerCase()}`, owner.articlePath]) {
    const anonymous = await raw(base, { method: 'GET', path: pagePath });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).not.toContain(menu);
  }
  await owner.context.dispose();
});
