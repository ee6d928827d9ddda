import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, newPerson, test } from './support/fixtures';

const png = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

/** Fires a paste or drop of a PNG on the body, as the browser does with a DataTransfer. */
async function sendImageToBody(page: Page, kind: 'paste' | 'drop', bytes: Buffer) {
  await page.getByLabel('Body').evaluate(
    (textarea, { kind, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], `${kind}.png`, { type: 'image/png' }));
      const event =
        kind === 'paste'
          ? new ClipboardEvent('paste', {
              clipboardData: transfer,
              bubbles: true,
              cancelable: true,
            })
          : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
      textarea.dispatchEvent(event);
    },
    { kind, base64: bytes.toString('base64') },
  );
}

test('a cover: upload then Publish works, the editor shows it after a reload, "Remove cover" removes it', async ({
  browser,
  baseURL,
}) => {
  const ada = await newPerson(browser, baseURL as string);
  const page = ada.page;
  await page.goto('/write');
  await page.getByLabel('Title').fill(`Harbour lights ${Date.now()}`);
  await page.getByLabel('Body').fill('Boats come home at dusk.');
  await expect(page.getByRole('status').filter({ hasText: /^Draft saved/ })).toBeVisible({
    timeout: 10_000,
  });
  await page.getByLabel('Cover image (optional)').setInputFiles({
    name: 'cover.png',
    mimeType: 'image/png',
    buffer: await png(1200, 600, '#224466'),
  });
  await page.getByRole('button', { name: 'Upload cover' }).click();
  await expect(page.getByText('Cover image saved.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Current cover' })).toBeVisible();
  const editorUrl = page.url();

  // The upload is no conflicting edit: Publish goes through.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${ada.account.username.toLowerCase()}/`));

  await page.goto(editorUrl);
  const cover = page.getByRole('img', { name: 'Current cover' });
  await expect(cover).toBeVisible();
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Remove cover' }).click();
  await expect(page.getByText('Cover removed.')).toBeVisible();
  await expect(cover).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Cover image (optional)')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Current cover' })).toHaveCount(0);
});

test('images in the body: "Add image", paste and drop; alt text required; the article shows them sized and lazy', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const ada = await newPerson(browser, baseURL as string);
  const page = ada.page;
  await page.goto('/write');
  await page.getByLabel('Title').fill(`Tide pools ${Date.now()}`);
  await page.getByLabel('Body').fill('What the sea leaves behind.');

  await test.step('"Add image" opens a file chooser; the image goes into the text', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add image' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'pool.png',
      mimeType: 'image/png',
      buffer: await png(1400, 700, '#336699'),
    });
    await expect(page.getByLabel('Alt text for image 1')).toBeVisible();
    await expect(page.getByLabel('Body')).toHaveValue(
      /^What the sea leaves behind\.\n\n!\[\]\(\/media\/images\/[a-f0-9]{24}\/[a-f0-9]{20}-1400x700\.webp\)\n\n$/,
    );
    await expect(page).toHaveURL(/\/write\/[a-f0-9]{24}$/);
  });

  await test.step('an image pasted, then one dropped, into the body', async () => {
    await sendImageToBody(page, 'paste', await png(600, 800, '#996633'));
    await expect(page.getByLabel('Alt text for image 2')).toBeVisible();
    await sendImageToBody(page, 'drop', await png(300, 300, '#339966'));
    await expect(page.getByLabel('Alt text for image 3')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('publishing refuses an image without alt text, and says which', async () => {
    await page.getByLabel('Alt text for image 1').fill('A rock pool with a crab');
    await page.getByLabel('Alt text for image 2').fill('Seaweed on a post');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText(/^Image 3 has no alt text/)).toBeVisible();
    await expect(page).toHaveURL(/\/write\/[a-f0-9]{24}$/);
  });

  await test.step('with every alt text, it publishes; the page shows sized, lazy images', async () => {
    await page.getByLabel('Alt text for image 3').fill('A starfish');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page).toHaveURL(new RegExp(`/u/${ada.account.username.toLowerCase()}/`));
    const images = page.locator('article img[srcset]');
    await expect(images).toHaveCount(3);
    const expected = [
      ['A rock pool with a crab', '1400', '700'],
      ['Seaweed on a post', '600', '800'],
      ['A starfish', '300', '300'],
    ];
    for (const [index, [alt, width, height]] of expected.entries()) {
      const image = images.nth(index);
      await expect(image).toHaveAttribute('alt', alt ?? '');
      await expect(image).toHaveAttribute('width', width ?? '');
      await expect(image).toHaveAttribute('height', height ?? '');
      await expect(image).toHaveAttribute('loading', 'lazy');
      await expect(image).toHaveAttribute('srcset', /^\/media\/images\/[a-f0-9]{24}\//);
      await image.scrollIntoViewIfNeeded();
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
    }
  });
});
