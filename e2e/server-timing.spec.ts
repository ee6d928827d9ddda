import { expect, operatorHeaders, randomClientIp, signUpViaApi, test } from './support/fixtures';

/** Server-Timing as a map: name → { desc, dur }. */
function parseServerTiming(
  header: string | undefined,
): Map<string, { desc?: string; dur?: number }> {
  const entries = new Map<string, { desc?: string; dur?: number }>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const entry: { desc?: string; dur?: number } = {};
    for (const param of params) {
      const separator = param.indexOf('=');
      const key = param.slice(0, separator);
      const value = param.slice(separator + 1);
      if (key === 'desc') entry.desc = value?.replace(/^"|"$/g, '');
      if (key === 'dur') entry.dur = Number(value);
    }
    entries.set(name, entry);
  }
  return entries;
}

test('every response tells what it cost: cold and warm article views, the stream, an API call', async ({
  browser,
  baseURL,
  request,
}) => {
  const base = baseURL as string;
  const context = await browser.newContext({
    baseURL: base,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), ...operatorHeaders() },
  });
  const page = await context.newPage();
  const author = await signUpViaApi(page.request, base);
  const draft = (await (
    await page.request.post('/api/articles', {
      data: { title: `Costs ${Date.now()}`, body: 'Cheap when warm.' },
      headers: { Origin: base },
    })
  ).json()) as { id: string };
  const published = (await (
    await page.request.post(`/api/articles/${draft.id}/publish`, {
      data: {},
      headers: { Origin: base },
    })
  ).json()) as { slug: string };
  const path = `/u/${author.username.toLowerCase()}/${published.slug}`;

  const cold = parseServerTiming(
    (await request.get(path, { headers: operatorHeaders() })).headers()['server-timing'],
  );
  // The first view renders (no kept page yet) from what publishing cached for it (issue 19.4,
  // lib/articles/first-view.ts): no MongoDB command even cold.
  expect(cold.get('cache-page')?.desc).toBe('miss');
  expect(cold.get('mongo')?.desc).toBe('0');
  expect(cold.get('cache')?.desc).toMatch(/^hit=\d+ miss=[1-9]\d*$/);
  expect(cold.get('cache-article')?.desc).toBe('hit');
  expect(cold.get('instance')?.desc).toBe('e2e-1');
  expect(cold.get('total')?.dur).toBeGreaterThan(0);

  // The cold view left the whole page in the page cache: a later one is served from it (once the
  // page was rendered more than the clock-skew margin after the article's last change).
  let warm = new Map<string, { desc?: string; dur?: number }>();
  await expect
    .poll(async () => {
      warm = parseServerTiming(
        (await request.get(path, { headers: operatorHeaders() })).headers()['server-timing'],
      );
      return warm.get('cache-page')?.desc;
    })
    .toBe('hit');
  expect(warm.get('mongo')?.desc).toBe('0');
  expect(warm.get('cache')?.desc).toMatch(/^hit=[1-9]\d* miss=0$/);
  expect(warm.get('cache-page')?.desc).toBe('hit');
  expect(Number(warm.get('redis')?.desc)).toBeGreaterThan(0);

  // A query string bypasses the page cache: the page renders, from warm cached objects.
  const rendered = parseServerTiming(
    (await request.get(`${path}?from=test`, { headers: operatorHeaders() })).headers()[
      'server-timing'
    ],
  );
  expect(rendered.get('mongo')?.desc).toBe('0');
  expect(rendered.get('cache')?.desc).toMatch(/^hit=[1-9]\d* miss=0$/);
  expect(rendered.get('cache-article')?.desc).toBe('hit');
  expect(rendered.get('cache-user')?.desc).toBe('hit');
  expect(rendered.get('cache-page')).toBeUndefined();
  expect(Number(rendered.get('redis')?.desc)).toBeGreaterThan(0);

  await page.goto('/');
  const home = parseServerTiming((await page.goto('/?from=test'))?.headers()['server-timing']);
  expect(home.get('cache-stream')?.desc).toBe('hit');
  expect(home.get('cache-session')?.desc).toBe('hit');
  expect(home.get('mongo')?.desc).toBe('0');
  let homeAgain = new Map<string, { desc?: string; dur?: number }>();
  await expect
    .poll(async () => {
      homeAgain = parseServerTiming((await page.goto('/'))?.headers()['server-timing']);
      return homeAgain.get('cache-page')?.desc;
    })
    .toBe('hit');
  expect(homeAgain.get('cache-session')?.desc).toBe('hit');
  expect(homeAgain.get('mongo')?.desc).toBe('0');

  const api = parseServerTiming(
    (await request.get('/api/health', { headers: operatorHeaders() })).headers()['server-timing'],
  );
  expect(api.get('mongo')?.desc).toBe('1');
  expect(api.get('redis')?.desc).toBe('1');
  await context.close();
});

test('the opt-in cost panel shows the same figures', async ({ page, baseURL }) => {
  await signUpViaApi(page.request, baseURL as string);
  await page.goto('/settings');
  // An operator's tool, folded under "Advanced".
  await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel(/Show what each page cost the servers/).check();
  await expect(page.getByRole('complementary', { name: 'Request cost' })).toBeVisible();
  await page.goto('/');
  const panel = page.getByRole('complementary', { name: 'Request cost' });
  await expect(panel.getByRole('button')).toHaveText(/^Cost: \d+ MongoDB · \d+ Redis · \d+ ms$/);
  await panel.getByRole('button').click();
  await expect(panel.getByRole('table')).toContainText('cache-stream');
  await expect(panel.getByRole('table')).toContainText('e2e-1');
});
