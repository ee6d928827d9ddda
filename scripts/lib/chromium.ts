import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium-flags';
import { run } from './processes';

/** Playwright drives Debian's chromium; install it when missing (nothing is downloaded otherwise). */
export async function ensureChromium(): Promise<void> {
  const path = CHROMIUM_PATH;
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${path} is missing: install Debian's chromium (sudo apt-get install -y chromium)`,
    );
  }
  console.log('Installing Debian chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0)
    throw new Error('apt-get update failed');
  if (
    (await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env })) !== 0 ||
    !existsSync(path)
  ) {
    throw new Error('apt-get install chromium failed');
  }
}
