import { expect, newPerson, test } from './support/fixtures';

/**
 * Issue 24.7: every limited field shows its limit before it bites (a counter the field is described
 * by), more is refused with a message naming the limit, and nothing typed is cut or shortened.
 */
test('the editor shows its limits, refuses more by name and changes nothing typed', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  const { page } = await newPerson(browser, base);
  await page.goto('/write');
  const title = page.getByLabel('Title');
  const body = page.getByLabel('Body');

  await test.step('counters from the start, described with their fields', async () => {
    await expect(page.getByText('0 / 150 characters')).toBeVisible();
    await expect(page.getByText('0 / 100,000 characters')).toBeVisible();
    const counter = page.getByText('0 / 150 characters');
    const id = await counter.getAttribute('id');
    expect(await title.getAttribute('aria-describedby')).toContain(id);
  });

  await test.step('a title over its limit is kept whole and refused by name', async () => {
    const long = `A title ${'very '.repeat(30)}long`;
    await title.fill(long);
    await expect(title).toHaveValue(long);
    await expect(page.getByText(`${long.length} / 150 characters`)).toBeVisible();
    await expect(
      page.getByText(`Use at most 150 characters: this is ${long.length - 150} over.`),
    ).toBeVisible();
    await expect(title).toHaveAttribute('aria-invalid', 'true');
    // The live region speaks once the limit is passed (not on every keystroke before).
    await expect(page.getByText('Over the limit of 150 characters.')).toBeAttached();
    await title.fill('Limits');
    await expect(page.getByText('Over the limit of 150 characters.')).toHaveCount(0);
  });

  await test.step('a body over the limit: the save says the limit, the text stays', async () => {
    const text = `${'word '.repeat(20_002)}`;
    await body.fill(text);
    await expect(page.getByText('100,010 / 100,000 characters')).toBeVisible();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(body).toHaveAccessibleDescription(/Articles are at most 100,000 characters\./);
    await expect(page.getByText('That is more than we can accept at once.')).toHaveCount(0);
    expect((await body.inputValue()).length).toBe(text.length);
  });

  await test.step('a long tag is refused by name, never shortened', async () => {
    await body.fill('Short enough.');
    const long = 'a-tag-much-longer-than-thirty-characters';
    const tags = page.getByLabel('Tags');
    await tags.fill(`design, ${long}`);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText(`Tags can be at most 30 characters: ${long}`)).toBeVisible();
    await expect(tags).toHaveValue(`design, ${long}`);
    // Nothing was saved with a shortened tag; one of exactly the limit saves whole.
    const exact = 'a-tag-of-exactly-thirty-chars1';
    await tags.fill(`design, ${exact}`);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Tags')).toHaveValue(`design, ${exact}`);
  });
});

test('profile fields and comments show their limits too', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const base = baseURL as string;
  const ada = await newPerson(browser, base);
  const { page } = ada;
  await page.goto('/settings');
  await expect(page.getByText(/^\d+ \/ 60 characters$/)).toBeVisible();
  await expect(page.getByText('0 / 500 characters')).toBeVisible();
  const bio = page.getByLabel('Bio');
  await bio.fill('b'.repeat(460));
  await expect(page.getByText('Near the limit of 500 characters.')).toBeAttached();
  await bio.fill('b'.repeat(510));
  // Not cut off at 500 (a maxLength would have), and refused by name.
  await expect(bio).toHaveValue('b'.repeat(510));
  await expect(page.getByText('Use at most 500 characters: this is 10 over.')).toBeVisible();

  const draft = await page.request.post('/api/articles', {
    data: { title: `Limits ${Date.now()}`, body: 'Comment on me.' },
    headers: { Origin: base },
  });
  const { id } = (await draft.json()) as { id: string };
  const published = await page.request.post(`/api/articles/${id}/publish`, {
    data: {},
    headers: { Origin: base },
  });
  const { slug } = (await published.json()) as { slug: string };
  await page.goto(`/u/${ada.account.username.toLowerCase()}/${slug}`);
  await expect(page.getByLabel('Add a comment')).toBeVisible();
  await expect(page.getByText('0 / 5,000 characters')).toBeVisible();
  // Posting empties the field, and the counter follows.
  await page.getByLabel('Add a comment').fill('Nice.');
  await expect(page.getByText('5 / 5,000 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(page.getByLabel('Add a comment')).toHaveValue('');
  await expect(page.getByText('0 / 5,000 characters')).toBeVisible();
});
