import { expect, operatorHeaders, test } from './support/fixtures';
import { expectNoSeriousA11yViolations, screenshotInBothThemes } from './support/a11y';

test.describe('home page', () => {
  test('renders the layout with what every response carries', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
    // The public learns how long it took, nothing of what it cost or where.
    expect(headers['server-timing']).toMatch(/^total;dur=[\d.]+$/);
    expect(headers['x-inkwell-instance']).toBeUndefined();
    await expect(page).toHaveTitle('Inkwell');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Inkwell' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recent articles' })).toBeVisible();
  });

  test('passes an accessibility check in light and dark mode, with screenshots', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(page);
    }
    await screenshotInBothThemes(page, testInfo, 'home');
  });

  test('follows the system theme until the toggle chooses one, and remembers it', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
  });

  test('has a skip link to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe('health', () => {
  test('tells the public only its status', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('reports the stores, the jobs mode and the instance to operators', async ({ request }) => {
    const response = await request.get('/api/health', { headers: operatorHeaders() });
    expect(response.status()).toBe(200);
    expect(response.headers()['x-inkwell-instance']).toBe('e2e-1');
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ok',
      instance: 'e2e-1',
      database: { ok: true, engine: 'FerretDB' },
      redis: { ok: true, driver: 'tcp' },
      jobs: { mode: 'in-process' },
    });
  });
});

test.describe('security headers', () => {
  test('pages carry a nonce-based CSP and the other security headers, and nothing violates the CSP', async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    const response = await page.goto('/signin');
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['permissions-policy']).toContain('camera=()');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    const second = await page.request.get('/signin');
    expect(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'] ?? '')?.[1]).not.toBe(
      nonce,
    );
    await page.getByLabel('Email or username').fill('someone');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(violations).toEqual([]);
  });
});
