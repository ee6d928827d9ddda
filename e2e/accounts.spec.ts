import sharp from 'sharp';
import { expectNoSeriousA11yViolations } from './support/a11y';
import {
  expect,
  PASSWORD,
  randomClientIp,
  signInViaUi,
  signOutViaUi,
  signUpViaApi,
  signUpViaUi,
  submitSignUpForm,
  test,
  uniqueName,
} from './support/fixtures';
import { readMailbox, signUpTokenFor, waitForMail } from '../scripts/lib/mailbox';

test.describe('sign up', () => {
  test('shows each error next to its field and keeps what was typed', async ({ page }) => {
    await page.goto('/signup');
    await expectNoSeriousA11yViolations(page);
    await submitSignUpForm(page, { email: 'not-an-email', username: 'ab', password: 'short' });

    await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
      /Enter an email address like name@example.com/,
    );
    await expect(page.getByLabel('Username')).toHaveAccessibleDescription(
      /Use 3 to 30 letters, digits or underscores/,
    );
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
      /Use at least 8 characters/,
    );
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
    await expect(page.getByLabel('Username')).toHaveValue('ab');
    await expect(page.getByLabel('Password')).toHaveValue('short');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'Please correct the highlighted fields.',
    );
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Password').fill('password1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/too common/);
  });

  test('creates the account once its email is confirmed, signs in, and refuses a taken username in any case', async ({
    page,
    browser,
    baseURL,
  }) => {
    const username = uniqueName('Writer');
    await signUpViaUi(page, baseURL as string, username, `${username}@Example.com`);
    await expect(page.getByText(`Welcome to Inkwell, ${username}!`)).toBeVisible();
    await expect(page.getByRole('button', { name: `Account menu for ${username}` })).toBeVisible();

    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await otherPage.goto('/signup');
    await submitSignUpForm(otherPage, {
      email: `someone-${username}@example.com`,
      username: username.toUpperCase(),
      password: PASSWORD,
    });
    await expect(otherPage.getByLabel('Username')).toHaveAccessibleDescription(
      /This username is taken/,
    );
    await expect(otherPage.getByLabel('Email')).toHaveValue(`someone-${username}@example.com`);
    await other.close();
  });

  test('never tells whether an email address has an account', async ({
    page,
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const owner = await signUpViaApi(request, base);
    const signUp = (email: string) =>
      request.post(`${base}/api/accounts`, {
        data: { email, username: uniqueName('probe'), password: PASSWORD },
        headers: { Origin: base, 'X-Forwarded-For': randomClientIp() },
      });
    const taken = await signUp(owner.email);
    const fresh = await signUp(`${uniqueName('fresh')}@example.com`);
    // The same status and the same answer, apart from the address it repeats.
    expect([taken.status(), fresh.status()]).toEqual([202, 202]);
    const [takenBody, freshBody] = [await taken.json(), await fresh.json()];
    expect(Object.keys(takenBody).sort()).toEqual(Object.keys(freshBody).sort());
    expect(takenBody).toEqual({ ok: true, email: owner.email });

    // The form shows what it shows for a new address; only the inbox's owner learns more.
    await page.goto('/signup');
    await submitSignUpForm(page, {
      email: owner.email,
      username: uniqueName('probe'),
      password: PASSWORD,
    });
    await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const notice = await waitForMail(base, owner.email, /^Your Inkwell account$/);
    expect(notice.text).toContain(`It already has one: @${owner.username}`);
    const mails = await readMailbox(base, owner.email);
    // Only the confirmation of its own sign-up: no link that would create a second account.
    expect(mails.filter((mail) => /^Confirm/.test(mail.subject))).toHaveLength(1);
  });

  test('a confirmation link works once, and an incomplete one says so', async ({
    page,
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const username = uniqueName('once');
    const email = `${username}@example.com`;
    const requested = await request.post(`${base}/api/accounts`, {
      data: { email, username, password: PASSWORD },
      headers: { Origin: base },
    });
    expect(requested.status()).toBe(202);
    // Nothing exists until the link is followed.
    expect((await request.get(`${base}/u/${username}`)).status()).toBe(404);
    const token = await signUpTokenFor(base, email);

    await page.goto(`/signup/confirm?token=${token}`);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await page.waitForURL(/\/settings\?welcome=1$/);
    expect((await request.get(`${base}/u/${username}`)).status()).toBe(200);

    const again = await request.post(`${base}/api/accounts/confirm`, {
      data: { token },
      headers: { Origin: base },
    });
    expect(again.status()).toBe(410);
    expect((await again.json()).formError).toMatch(/expired or was already used/);

    await page.context().clearCookies();
    await page.goto('/signup/confirm?token=cut-short');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      'This confirmation link is incomplete',
    );
  });
});

test.describe('confirmation links and other people’s sign-ups', () => {
  test('a confirmation link signs no one in, and creates nothing, without the password chosen at sign-up', async ({
    page,
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    // Someone signs up with the victim's address and a password of their own.
    const username = uniqueName('planted');
    const victimEmail = `${username}@example.com`;
    const requested = await request.post(`${base}/api/accounts`, {
      data: { email: victimEmail, username, password: 'attackers-own-password-1' },
      headers: { Origin: base, 'X-Forwarded-For': randomClientIp() },
    });
    expect(requested.status()).toBe(202);
    const token = await signUpTokenFor(base, victimEmail);

    // The victim follows the link from their inbox, without that password.
    await page.goto(`/signup/confirm?token=${token}`);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
      /Enter the password you chose when you signed up/,
    );
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
      /not the password this sign-up was made with/,
    );
    await expect(page).toHaveURL(/\/signup\/confirm\?token=/);
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
      'inkwell.session',
    );
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

    // Nor through the API with the link alone; and no account exists.
    const linkOnly = await request.post(`${base}/api/accounts/confirm`, {
      data: { token },
      headers: { Origin: base },
    });
    expect(linkOnly.status()).toBeGreaterThanOrEqual(400);
    expect(linkOnly.status()).toBeLessThan(500);
    expect(linkOnly.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
    expect((await request.get(`${base}/u/${username}`)).status()).toBe(404);
  });
});

test.describe('sign in and out', () => {
  test('a refused GitHub or Google sign-in never says the email has an account', async ({
    page,
  }) => {
    await page.goto('/signin?error=OAuthAccountNotLinked');
    const message = page.getByRole('main').getByRole('alert');
    await expect(message).toHaveText(/We could not sign you in with that account/);
    await expect(message).not.toContainText(/already|exists|uses that email/i);
  });

  test('gives one message for an unknown account and a wrong password', async ({
    page,
    request,
    baseURL,
  }) => {
    const account = await signUpViaApi(request, baseURL as string);
    await page.goto('/signin');
    await expectNoSeriousA11yViolations(page);
    const messages: string[] = [];
    for (const [identifier, password] of [
      ['nobody-at-all', PASSWORD],
      [account.username, 'wrong-password-123'],
      [`nobody-${account.email}`, PASSWORD],
    ]) {
      await page.getByLabel('Email or username').fill(identifier as string);
      await page.getByLabel('Password').fill(password as string);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const alert = page.getByRole('main').getByRole('alert');
      await expect(alert).toBeVisible();
      messages.push((await alert.textContent()) ?? '');
      await expect(page.getByLabel('Email or username')).toHaveValue(identifier as string);
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe('That email or username and password do not match an account.');
  });

  test('signs in by username in any case, signs out from the account menu, and a copied cookie stops working', async ({
    page,
    browser,
    request,
    baseURL,
  }) => {
    const account = await signUpViaApi(request, baseURL as string);
    await signInViaUi(page, account.username.toUpperCase());
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'inkwell.session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await signOutViaUi(page);
    const thief = await browser.newContext({ baseURL });
    await thief.addCookies(cookies);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/settings');
    await expect(thiefPage).toHaveURL(
      /\/signin\?callbackUrl=%2Fsettings|\/signin\?callbackUrl=\/settings/,
    );
    await thief.close();
  });

  test('signing out through Auth.js’s own route ends the session, not just the cookie', async ({
    page,
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    await signUpViaApi(page.request, base);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => cookie.name)).toContain('inkwell.session');

    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as {
      csrfToken: string;
    };
    const signedOut = await page.request.post('/api/auth/signout', {
      form: { csrfToken, callbackUrl: '/' },
      maxRedirects: 0,
    });
    expect(signedOut.status()).toBe(302);

    const thief = await browser.newContext({ baseURL: base });
    await thief.addCookies(cookies);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/settings');
    await expect(thiefPage).toHaveURL(/\/signin\?callbackUrl=/);
    const write = await thiefPage.request.delete('/api/sessions/others', {
      headers: { Origin: base },
    });
    expect(write.status()).toBe(401);
    await thief.close();
  });

  test('after signing in, a crafted callbackUrl still lands on this site', async ({
    page,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    for (const callbackUrl of [
      '%2F%09%2Fevil.example',
      '%2F%5Cevil.example',
      '%2F%2Fevil.example',
    ]) {
      await page.context().clearCookies();
      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await page.getByLabel('Email or username').fill(account.username);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
      expect(new URL(page.url()).origin).toBe(new URL(base).origin);
      await expect(
        page.getByRole('button', { name: `Account menu for ${account.username}` }),
      ).toBeVisible();
    }
  });

  test('issues a fresh session id at every sign-in', async ({ page, request, baseURL }) => {
    const account = await signUpViaApi(request, baseURL as string);
    const sessionCookie = async () =>
      (await page.context().cookies()).find((cookie) => cookie.name === 'inkwell.session')?.value;
    await signInViaUi(page, account.email);
    const first = await sessionCookie();
    await signOutViaUi(page);
    await signInViaUi(page, account.email);
    const second = await sessionCookie();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
  });
});

test.describe('settings and profile', () => {
  test('edits the profile; the bio is shown as text, links are nofollow', async ({
    page,
    baseURL,
  }) => {
    const account = await signUpViaApi(page.request, baseURL as string);
    await page.goto('/settings');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page
      .getByLabel('Bio')
      .fill('First programmer.\n<script>window.__pwned = true</script><b>bold?</b>');
    await page.getByLabel('Link 1 name').fill('Notes');
    await page.getByLabel('Link 1 address').fill('not a url');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByLabel('Link 1 address')).toHaveAccessibleDescription(/full web address/);
    await expect(page.getByLabel('Bio')).toHaveValue(/First programmer/);
    await page.getByLabel('Link 1 address').fill('https://example.com/notes');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText(
      'Your profile is saved.',
    );

    await page.goto(`/u/${account.username.toLowerCase()}`);
    await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
    await expect(
      page.getByText('<script>window.__pwned = true</script><b>bold?</b>'),
    ).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned),
    ).toBeUndefined();
    const link = page.getByRole('link', { name: 'Notes' });
    await expect(link).toHaveAttribute('href', 'https://example.com/notes');
    await expect(link).toHaveAttribute('rel', 'nofollow noopener ugc me');
    await expect(page.getByText(/Joined .* · 0 friends/)).toBeVisible();
    await expect(page).toHaveTitle(`Ada Lovelace (@${account.username}) · Inkwell`);
    await expectNoSeriousA11yViolations(page);
  });

  test('uploads an avatar, validated by content, served with long-lived cache headers', async ({
    page,
    baseURL,
  }) => {
    const account = await signUpViaApi(page.request, baseURL as string);
    await page.goto('/settings');
    await page.getByLabel('Avatar image').setInputFiles({
      name: 'avatar.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is text pretending to be a png'),
    });
    await page.getByRole('button', { name: 'Upload avatar' }).click();
    await expect(page.getByLabel('Avatar image')).toHaveAccessibleDescription(
      /not an image we can read/,
    );

    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#3366cc' },
    })
      .png()
      .toBuffer();
    await page
      .getByLabel('Avatar image')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload avatar' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText(
      'Your new avatar is saved.',
    );

    await page.goto(`/u/${account.username.toLowerCase()}`);
    const image = page.getByRole('img', { name: `${account.username}'s avatar` });
    await expect(image).toHaveAttribute(
      'src',
      /^\/media\/avatars\/[a-f0-9]{24}\/[a-f0-9]{20}-256\.webp$/,
    );
    const src = (await image.getAttribute('src')) as string;
    const response = await page.request.get(src);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/webp');
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const metadata = await sharp(await response.body()).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 256 });
  });

  test('lists active sessions; ends one, or all others', async ({ page, browser, baseURL }) => {
    const account = await signUpViaApi(page.request, baseURL as string);
    const laptop = await browser.newContext({ baseURL });
    const laptopPage = await laptop.newPage();
    await signInViaUi(laptopPage, account.username);
    const phone = await browser.newContext({
      baseURL,
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Firefox/140.0',
    });
    const phonePage = await phone.newPage();
    await signInViaUi(phonePage, account.username);

    await page.goto('/settings');
    const list = page.getByRole('list', { name: 'Active sessions' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(list.getByText('This device')).toHaveCount(1);
    await expect(list.getByText('Firefox on Android')).toBeVisible();

    await list.getByRole('button', { name: /^End session: Firefox on Android/ }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await phonePage.goto('/settings');
    await expect(phonePage).toHaveURL(/\/signin/);

    await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await laptopPage.goto('/settings');
    await expect(laptopPage).toHaveURL(/\/signin/);
    await page.reload();
    await expect(page.getByText('This is your only active session.')).toBeVisible();
    await laptop.close();
    await phone.close();
  });
});

test.describe('write endpoints refuse other sites', () => {
  test('a cross-site or Origin-less sign-up is refused', async ({ request, baseURL }) => {
    const data = { email: 'x@example.com', username: uniqueName(), password: PASSWORD };
    const foreign = await request.post(`${baseURL}/api/accounts`, {
      data,
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    const nullOrigin = await request.post(`${baseURL}/api/accounts`, {
      data,
      headers: { Origin: 'null' },
    });
    expect(nullOrigin.status()).toBe(403);
    const none = await request.post(`${baseURL}/api/accounts`, { data });
    expect(none.status()).toBe(403);
  });

  test('the mailbox answers only to its token, and a confirmation only from Inkwell', async ({
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const owner = await signUpViaApi(request, base);
    const mailbox = `${base}/api/mailbox?to=${encodeURIComponent(owner.email)}`;
    expect((await request.get(mailbox)).status()).toBe(404);
    const wrong = 'x'.repeat((process.env.MAILBOX_TOKEN ?? '').length);
    expect(
      (await request.get(mailbox, { headers: { Authorization: `Bearer ${wrong}` } })).status(),
    ).toBe(404);
    expect((await readMailbox(base, owner.email)).length).toBeGreaterThan(0);
    const foreign = await request.post(`${base}/api/accounts/confirm`, {
      data: { token: 'a'.repeat(43) },
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status()).toBe(403);
  });
});

test.describe('brute-force defence', () => {
  test('sign-in attempts on one account from one address are limited with 429 and Retry-After', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    const attacker = await playwright.request.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), Origin: base },
    });
    const attempt = (password = 'wrong-password-123') =>
      attacker.post('/api/sessions', { data: { identifier: account.username, password } });
    // Counted once per attempt: exactly 10 per (account, address) in 15 minutes.
    for (let index = 0; index < 10; index += 1) expect((await attempt()).status()).toBe(401);
    const blocked = await attempt();
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await blocked.json()).formError).toMatch(
      /^Too many sign-in attempts\. Please wait \d+ minutes? and try again\.$/,
    );
    // Once limited, even the right password gets no session from that address.
    const right = await attempt(PASSWORD);
    expect(right.status()).toBe(429);
    expect(right.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
    await attacker.dispose();
  });

  test('strangers’ failures from one address never lock the owner out from another', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    const from = (ip: string) =>
      playwright.request.newContext({
        baseURL: base,
        extraHTTPHeaders: { 'X-Forwarded-For': ip, Origin: base },
      });
    const stranger = await from(randomClientIp());
    for (let index = 0; index < 12; index += 1) {
      const guess = await stranger.post('/api/sessions', {
        data: { identifier: account.username, password: `guess-${index}-password` },
      });
      expect(guess.status()).toBe(index < 10 ? 401 : 429);
    }
    // The owner, on a browser never used to sign in before, from another address: signed in at once.
    const owner = await from(randomClientIp());
    const signedIn = await owner.post('/api/sessions', {
      data: { identifier: account.username, password: PASSWORD },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    const settings = await owner.get('/settings', { maxRedirects: 0 });
    expect(settings.status()).toBe(200);
    await stranger.dispose();
    await owner.dispose();
  });

  test('Auth.js’s own credentials callback is limited exactly like the app’s route and never starts a session once limited', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const base = baseURL as string;
    const account = await signUpViaApi(page.request, base);
    const ip = randomClientIp();
    const attacker = await playwright.request.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'X-Forwarded-For': ip },
    });
    const { csrfToken } = (await (await attacker.get('/api/auth/csrf')).json()) as {
      csrfToken: string;
    };
    const attempt = (password: string) =>
      attacker.post('/api/auth/callback/credentials', {
        form: { csrfToken, identifier: account.username, password, callbackUrl: '/' },
        maxRedirects: 0,
      });
    const outcomes: string[] = [];
    for (let index = 0; index < 14; index += 1) {
      const response = await attempt(`wrong-password-${index}`);
      expect(response.status()).toBe(302);
      expect(response.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
      outcomes.push(new URL(response.headers().location as string).searchParams.get('code') ?? '');
    }
    // The same count as through /api/sessions: 10 refusals, then the limit.
    expect(outcomes).toEqual([
      ...Array.from({ length: 10 }, () => 'credentials'),
      ...Array.from({ length: 4 }, () => 'rate_limited'),
    ]);
    const right = await attempt(PASSWORD);
    expect(right.status()).toBe(302);
    const location = new URL(right.headers().location as string);
    expect(location.pathname).toBe('/signin');
    expect(location.searchParams.get('code')).toBe('rate_limited');
    expect(right.headers()['set-cookie'] ?? '').not.toContain('inkwell.session=');
    expect((await attacker.storageState()).cookies.map((cookie) => cookie.name)).not.toContain(
      'inkwell.session',
    );
    // One counter for both doors: the app's route from that address is limited too.
    const viaRoute = await attacker.post('/api/sessions', {
      data: { identifier: account.username, password: PASSWORD },
      headers: { Origin: base },
    });
    expect(viaRoute.status()).toBe(429);
    expect(Number(viaRoute.headers()['retry-after'])).toBeGreaterThan(0);
    await attacker.dispose();
  });

  test('sign-ups from one address are limited', async ({ request, baseURL }) => {
    const ip = randomClientIp();
    const signUp = () =>
      request.post(`${baseURL}/api/accounts`, {
        data: { email: `${uniqueName()}@example.com`, username: uniqueName(), password: PASSWORD },
        headers: { Origin: baseURL as string, 'X-Forwarded-For': ip },
      });
    for (let index = 0; index < 10; index += 1) expect((await signUp()).status()).toBe(202);
    const blocked = await signUp();
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
  });
});

test.describe('a sign-up not confirmed yet', () => {
  test('signing in says the address is not confirmed (only with the right password) and resends the link, as the "check your inbox" page does', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const base = baseURL as string;
    const username = uniqueName('Unconfirmed');
    const email = `${username.toLowerCase()}@example.com`;
    const confirmations = async () =>
      (await readMailbox(base, email)).filter(
        (mail) => mail.subject === 'Confirm your Inkwell account',
      );

    await test.step('"check your inbox" offers a new link', async () => {
      await page.goto('/signup');
      await submitSignUpForm(page, { email, username, password: PASSWORD });
      await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
      await expect.poll(async () => (await confirmations()).length).toBe(1);
      await page.getByRole('button', { name: 'Resend confirmation link' }).click();
      await expect(page.getByRole('main').getByRole('status')).toContainText(
        'we sent it a new link',
      );
      await expect.poll(async () => (await confirmations()).length).toBe(2);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step('a wrong password gets the usual answer, and no offer', async () => {
      await page.goto('/signin');
      await page.getByLabel('Email or username').fill(email);
      await page.getByLabel('Password').fill('not-the-password-1');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText(
        'That email or username and password do not match an account.',
      );
      await expect(page.getByRole('button', { name: 'Resend confirmation link' })).toHaveCount(0);
    });

    await test.step('the right password is told the address is not confirmed, and can get a link', async () => {
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('main').getByRole('alert')).toContainText(
        'Your email address is not confirmed yet.',
      );
      await expect(page).toHaveURL(/\/signin/);
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Resend confirmation link' }).click();
      await expect(page.getByRole('main').getByRole('status')).toContainText(
        'we sent it a new link',
      );
      await expect.poll(async () => (await confirmations()).length).toBe(3);
    });

    await test.step('the newest link creates the account and signs in', async () => {
      await page.goto(`/signup/confirm?token=${await signUpTokenFor(base, email)}`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Confirm account' }).click();
      await page.waitForURL(/\/settings\?welcome=1$/);
      await expect(
        page.getByRole('button', { name: `Account menu for ${username}` }),
      ).toBeVisible();
    });
  });

  test('"Resend confirmation link" answers the same for an unknown address and is rate limited', async ({
    request,
    baseURL,
  }) => {
    const base = baseURL as string;
    const post = (identifier: string) =>
      request.post('/api/accounts/confirmation-link', {
        data: { identifier },
        headers: { Origin: base },
      });
    const unknown = `nobody-${uniqueName()}@example.com`;
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await post(unknown);
      answers.push([answer.status(), await answer.json()]);
    }
    expect(answers).toEqual(Array.from({ length: 3 }, () => [202, { ok: true, sent: true }]));
    const limited = await post(unknown);
    expect(limited.status()).toBe(429);
    expect(limited.headers()['retry-after']).toMatch(/^\d+$/);
    expect(await readMailbox(base, unknown)).toHaveLength(0);
    expect((await post('')).status()).toBe(422);
  });
});
