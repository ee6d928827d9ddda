import type { Page } from '@playwright/test';
import { expect, type Person } from './fixtures';

/** A same-origin API call as `page`'s person, which must succeed; its JSON answer. */
export async function api(
  page: Page,
  baseURL: string,
  method: 'post' | 'patch' | 'put',
  url: string,
  data: unknown,
) {
  const response = await page.request[method](url, { data, headers: { Origin: baseURL } });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** `a` asks, `b` accepts: friends. */
export async function befriend(a: Person, b: Person, baseURL: string) {
  await api(a.page, baseURL, 'post', '/api/relationships', {
    username: b.account.username,
    action: 'request',
  });
  await api(b.page, baseURL, 'post', '/api/relationships', {
    username: a.account.username,
    action: 'accept',
  });
}

/** A draft with `fields`, published at once; its id and slug. */
export async function publishViaApi(
  author: Person,
  baseURL: string,
  fields: Record<string, unknown>,
) {
  const draft = (await api(author.page, baseURL, 'post', '/api/articles', fields)) as {
    id: string;
  };
  return (await api(author.page, baseURL, 'post', `/api/articles/${draft.id}/publish`, {})) as {
    id: string;
    slug: string;
  };
}
