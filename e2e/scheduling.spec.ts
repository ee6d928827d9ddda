import { expectNoSeriousA11yViolations } from './support/a11y';
import { expect, randomClientIp, signUpViaApi, test } from './support/fixtures';

/** `2026-12-24T18:00` for `date` as seen in `timeZone` (what a datetime-local input holds). */
function wallClock(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test('an author schedules a draft in their own time zone; it is published then, once', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL as string;
  // An author far from the server's UTC: the time they type is theirs.
  const timeZone = 'Pacific/Auckland';
  const context = await browser.newContext({
    baseURL: base,
    timezoneId: timeZone,
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp() },
  });
  const page = await context.newPage();
  const account = await signUpViaApi(page.request, base);
  const title = `Published while I sleep ${Date.now()}`;

  await page.goto('/write');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Body').fill('Written today, read tomorrow.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Draft saved/ })).toBeVisible();

  await test.step('a time in the past is refused, with the field named', async () => {
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByText(`In your time zone, ${timeZone}.`)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Publish on').fill(wallClock(new Date(Date.now() - 3_600_000), timeZone));
    await page.getByRole('button', { name: 'Confirm schedule' }).click();
    await expect(page.getByText('Choose a time in the future (or publish it now).')).toBeVisible();
    await expect(page.getByLabel('Publish on')).toHaveAttribute('aria-invalid', 'true');
  });

  // Whole minutes: the next one, at least 20 s ahead.
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  await test.step('scheduled: the editor says when, in the author’s zone', async () => {
    await page.getByLabel('Publish on').fill(wallClock(at, timeZone));
    await page.getByRole('button', { name: 'Confirm schedule' }).click();
    await expect(page.getByText(/^Scheduled for/)).toContainText(`(${timeZone})`);
    await expect(page.locator('time').first()).toHaveAttribute('datetime', at.toISOString());
    await expect(page.getByRole('button', { name: 'Reschedule' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel schedule' })).toBeVisible();
  });

  const profile = `/u/${account.username.toLowerCase()}`;
  await test.step('not before its time; then published, and the author is told', async () => {
    const early = await page.request.get(profile);
    expect(await early.text()).not.toContain(title);
    await expect
      .poll(async () => (await page.request.get(profile)).text(), {
        timeout: 90_000,
        intervals: [2_000],
      })
      .toContain(title);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await page.goto('/notifications');
    await expect(page.getByText('Your scheduled article is published:')).toBeVisible();
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });
  await context.close();
});
