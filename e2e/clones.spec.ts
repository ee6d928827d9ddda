import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RunningApp } from '../scripts/lib/app-server';
import type { RunningBalancer } from '../scripts/lib/nginx';
import { startClones, type Clones } from './support/clones';
import {
  expect,
  operatorHeaders,
  PASSWORD,
  randomClientIp,
  signOutViaUi,
  signUpViaUi,
  test,
  uniqueName,
} from './support/fixtures';

/**
 * The first golden rule of scaling out: no instance keeps user data. Two production instances
 * share one Redis and one MongoDB behind nginx in round-robin; a person uses the site through
 * the balancer and must not notice which instance serves them, or that one of them dies.
 */
const ROOT = path.resolve(__dirname, '..');

/** Every file under `dir` with its size and modification time, minus the skipped folders. */
function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (skip.some((skipped) => full.startsWith(skipped))) continue;
      if (entry.isDirectory()) walk(full);
      else {
        const stats = statSync(full);
        files.set(full, `${stats.size}:${stats.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

test.describe.configure({ mode: 'serial' });

let clones: Clones | undefined;
let instances: RunningApp[] = [];
let balancer: RunningBalancer;
let before: Map<string, string>[];
const watched = () => [
  ...instances.map((instance) => snapshot(instance.cwd)),
  snapshot(path.join(ROOT, '.next'), [path.join(ROOT, '.next', 'cache')]),
  snapshot(path.join(ROOT, 'public')),
];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  clones = await startClones('clone');
  ({ instances, balancer } = clones);
  before = watched();
});

test.afterAll(async () => {
  await clones?.stop();
});

test('a person stays signed in across clones, uploads once, signs out everywhere, survives a dead clone', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({
    baseURL: balancer.url,
    // An operator's view: which clone answered is not told to the public.
    extraHTTPHeaders: { 'X-Forwarded-For': randomClientIp(), ...operatorHeaders() },
  });
  const page = await context.newPage();
  const username = uniqueName('clone');

  await test.step('sign up and sign in through the balancer', async () => {
    await signUpViaUi(page, balancer.url, username);
  });

  await test.step('consecutive requests are served by both instances, signed in on each', async () => {
    // One request each (no subresources, which would make round-robin land every page on the
    // same instance when a page view happens to cost an even number of requests).
    const servedBy = new Set<string>();
    for (let request = 0; request < 12 && servedBy.size < 2; request += 1) {
      const response = await context.request.get('/settings');
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain('>Settings</h1>');
      expect(html).toContain(username);
      servedBy.add(response.headers()['x-inkwell-instance'] ?? '');
    }
    const balancerLog = path.join(balancer.dir, 'error.log');
    expect(
      [...servedBy].sort(),
      existsSync(balancerLog) ? readFileSync(balancerLog, 'utf8') : 'no balancer log',
    ).toEqual(['clone-a', 'clone-b']);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  });

  await test.step('an avatar uploaded through one instance loads from the other', async () => {
    const png = await sharp({
      create: { width: 300, height: 300, channels: 3, background: '#cc6633' },
    })
      .png()
      .toBuffer();
    const upload = await page.request.post('/api/profile/avatar', {
      multipart: { avatar: { name: 'me.png', mimeType: 'image/png', buffer: png } },
      headers: { Origin: balancer.url },
    });
    expect(upload.status(), await upload.text()).toBe(200);
    const uploadedOn = upload.headers()['x-inkwell-instance'];
    const { avatar } = (await upload.json()) as { avatar: { hash: string } };
    await page.goto(`/u/${username.toLowerCase()}`);
    const src = (await page
      .getByRole('img', { name: `${username}'s avatar` })
      .getAttribute('src')) as string;
    expect(src).toContain(avatar.hash);
    const servedBy = new Set<string>();
    for (let request = 0; request < 4; request += 1) {
      const response = await page.request.get(src);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('image/webp');
      servedBy.add(response.headers()['x-inkwell-instance'] ?? '');
    }
    expect(servedBy.has(uploadedOn === 'clone-a' ? 'clone-b' : 'clone-a')).toBe(true);
  });

  await test.step('signing out on one instance signs out on both', async () => {
    await page.goto('/settings');
    await signOutViaUi(page);
    const servedBy = new Set<string>();
    for (let request = 0; request < 6; request += 1) {
      const response = await page.request.get('/settings', { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(response.headers()['location']).toContain('/signin');
      servedBy.add(response.headers()['x-inkwell-instance'] ?? '');
    }
    expect(servedBy.size).toBe(2);
  });

  await test.step('one instance dies mid-session; the survivor keeps the person signed in', async () => {
    await page.goto('/signin');
    await page.getByLabel('Email or username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    // Stop the process only: its folder is checked below.
    instances[0]?.process.kill('SIGKILL');
    for (let request = 0; request < 6; request += 1) {
      const response = await page.goto('/settings');
      expect(response?.status()).toBe(200);
      expect(response?.headers()['x-inkwell-instance']).toBe('clone-b');
      await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    }
  });

  await test.step('sign-ups, sign-ins and uploads left the instances’ working folders unchanged', () => {
    const after = watched();
    before.forEach((files, index) => expect(after[index]).toEqual(files));
    for (const instance of instances) expect(readdirSync(instance.cwd)).toEqual([]);
  });
  await context.close();
});
