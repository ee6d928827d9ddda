import { expect, signUpViaApi, test, uniqueName } from './support/fixtures';

/**
 * Every write endpoint gets malformed JSON, wrong types, operator injection, huge strings and
 * unicode edge cases: each answer is a 4xx (or a harmless 2xx), never a 5xx.
 */
const WEIRD = '\u0000\uD800 \u202Eevil\u202C 🚀 ﷽ ' + 'ä'.repeat(10);
const BODIES: (string | Record<string, unknown> | unknown[])[] = [
  'not json at all',
  '{"unterminated": ',
  'null',
  '42',
  '"a string"',
  [],
  [1, 2, 3],
  {},
  { title: 42, body: ['x'], tags: { $ne: null }, visibility: 'everyone' },
  { email: { $gt: '' }, username: null, password: 12_345_678 },
  { identifier: { $ne: null }, password: { $ne: null } },
  { username: WEIRD, action: 'request' },
  { username: 'x', action: { $in: ['block'] } },
  { displayName: WEIRD, bio: 'b'.repeat(600), links: [{ label: 'x', url: 'javascript:alert(1)' }] },
  { displayName: 'ok', links: 'not-an-array' },
  { body: 'c'.repeat(6_000), parentId: 'not-an-id' },
  { liked: 'yes' },
  { enabled: 'true' },
  { currentPassword: [], newPassword: {} },
  { baseVersion: -1, title: 't' },
  { deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown },
  { huge: 'h'.repeat(70_000) },
];

test('no write endpoint answers a 5xx to bad input', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  await signUpViaApi(page.request, base, uniqueName('fuzz'));
  const draft = (await (
    await page.request.post('/api/articles', {
      data: { title: 'Fuzz target', body: 'x' },
      headers: { Origin: base },
    })
  ).json()) as {
    id: string;
  };
  const comment = (await (
    await page.request
      .post(`/api/articles/${draft.id}/publish`, { data: {}, headers: { Origin: base } })
      .then(() =>
        page.request.post(`/api/articles/${draft.id}/comments`, {
          data: { body: 'hi' },
          headers: { Origin: base },
        }),
      )
  ).json()) as { id: string };
  const endpoints: [string, string][] = [
    ['POST', '/api/accounts'],
    ['POST', '/api/accounts/confirm'],
    ['POST', '/api/sessions'],
    ['PATCH', '/api/profile'],
    ['POST', '/api/account/password'],
    ['POST', '/api/account/email'],
    ['POST', '/api/account/email/confirm'],
    ['POST', '/api/password-reset'],
    ['POST', '/api/password-reset/confirm'],
    ['POST', '/api/account/username'],
    ['POST', '/api/account/data-export'],
    // No fuzz body carries the password: nothing is deleted.
    ['DELETE', '/api/account'],
    ['PUT', '/api/settings/debug-panel'],
    ['POST', '/api/relationships'],
    ['POST', '/api/notifications/read'],
    ['POST', '/api/articles'],
    ['POST', '/api/articles/preview'],
    ['PATCH', `/api/articles/${draft.id}`],
    ['PATCH', '/api/articles/not-an-id'],
    ['POST', `/api/articles/${draft.id}/comments`],
    ['POST', '/api/articles/ffffffffffffffffffffffff/comments'],
    ['PATCH', `/api/comments/${comment.id}`],
    ['PUT', `/api/articles/${draft.id}/like`],
    ['DELETE', '/api/sessions/not-a-handle'],
    ['DELETE', '/api/comments/zzz'],
    ['POST', '/api/profile/avatar'],
    ['POST', `/api/articles/${draft.id}/cover`],
    ['DELETE', `/api/articles/${draft.id}/cover`],
    ['POST', `/api/articles/${draft.id}/images`],
  ];
  const failures: string[] = [];
  for (const [method, url] of endpoints) {
    for (const body of BODIES) {
      const data = typeof body === 'string' ? body : JSON.stringify(body);
      const response = await page.request.fetch(url, {
        method,
        data,
        headers: {
          Origin: base,
          'Content-Type': 'application/json',
          'X-Forwarded-For': `198.18.200.${(failures.length % 200) + 1}`,
        },
      });
      if (response.status() >= 500)
        failures.push(`${method} ${url} ${data.slice(0, 60)} → ${response.status()}`);
    }
  }
  expect(failures).toEqual([]);
  // A refused request wrote nothing: `{ baseVersion: -1, title: 't' }` was refused as a whole,
  // so the title is untouched (a valid fuzz body, like a long text body, may have been saved).
  await page.goto(`/write/${draft.id}`);
  await expect(page.getByLabel('Title')).toHaveValue('Fuzz target');
});
