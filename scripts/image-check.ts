/**
 * `npm run image:check`: builds the production image from the Dockerfile with podman and runs it
 * against real stores (the machine's Redis, a FerretDB of its own), as far as this machine allows:
 *
 * - No container registry is reachable here, so `node:20-bookworm-slim` cannot be pulled. Unless
 *   NODE_IMAGE names an image podman already has, a stand-in is made from Debian packages
 *   (mmdebstrap, bookworm minbase) plus this machine's Node 20 and npm and its CA bundle (npm
 *   goes through this network's TLS-inspecting proxy). The Dockerfile is used unchanged.
 * - Containers run with `--isolation chroot` (build) and runc with cgroupfs and lowered ulimits
 *   (run): the sandbox allows no cgroup v2 delegation and no raised rlimits.
 *
 * Checks: the image runs as uid 1000 on a read-only root file system (tmpfs only where the
 * Dockerfile says Next writes), the migration runs from the image, liveness and readiness
 * answer, the home page and a sign-up page render, and SIGTERM ends the container cleanly.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFerretDb } from './lib/ferretdb';
import { commandExists, freePort, run } from './lib/processes';
import { runSigningKey } from './lib/signing-key';

const ROOT = path.resolve(__dirname, '..');
/** `--image <name>` checks an image built before (here or elsewhere) instead of building one. */
const GIVEN_IMAGE = process.argv.includes('--image')
  ? process.argv[process.argv.indexOf('--image') + 1]
  : undefined;
const IMAGE = GIVEN_IMAGE ?? 'localhost/inkwell:check';
const STAND_IN = 'localhost/inkwell-node:20-bookworm';
/** What `podman run` needs in this sandbox (see above); harmless elsewhere. */
const RUN_FLAGS = [
  '--runtime=runc',
  '--cgroup-manager=cgroupfs',
  '--ulimit=nofile=4096:4096',
  '--ulimit=nproc=4096:4096',
  '--network=host',
];

function podman(args: string[], options: { quiet?: boolean } = {}): string {
  return execFileSync('podman', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
  }).trim();
}

function hasImage(name: string): boolean {
  try {
    podman(['image', 'exists', name], { quiet: true });
    return true;
  } catch {
    return false;
  }
}

/** A Debian bookworm root with this machine's Node and npm, imported as STAND_IN. */
function makeStandInBase(scratch: string): string {
  const rootfs = path.join(scratch, 'rootfs');
  const tarball = path.join(scratch, 'bookworm.tar');
  console.log('Making a stand-in for node:20-bookworm-slim from Debian packages (a minute)…');
  execFileSync('mmdebstrap', [
    '--variant=minbase',
    '--include=ca-certificates',
    'bookworm',
    tarball,
  ]);
  execFileSync('mkdir', ['-p', rootfs]);
  execFileSync('tar', ['-xf', tarball, '-C', rootfs]);
  const node = execFileSync('readlink', ['-f', process.execPath], { encoding: 'utf8' }).trim();
  cpSync(node, path.join(rootfs, 'usr/bin/node'));
  const npmHome = path.resolve(path.dirname(node), '../lib/node_modules/npm');
  cpSync(npmHome, path.join(rootfs, 'usr/lib/node_modules/npm'), { recursive: true });
  execFileSync('ln', ['-sf', '../lib/node_modules/npm/bin/npm-cli.js', `${rootfs}/usr/bin/npm`]);
  execFileSync('ln', ['-sf', '../lib/node_modules/npm/bin/npx-cli.js', `${rootfs}/usr/bin/npx`]);
  cpSync('/etc/ssl/certs/ca-certificates.crt', `${rootfs}/etc/ssl/certs/ca-certificates.crt`);
  const image = path.join(scratch, 'base.tar');
  execFileSync('tar', ['-C', rootfs, '-cf', image, '.']);
  podman([
    'import',
    '--change',
    'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
    '--change',
    'CMD ["node"]',
    image,
    STAND_IN,
  ]);
  return STAND_IN;
}

async function buildImage(baseImage: string): Promise<void> {
  console.log(`Building ${IMAGE} on ${baseImage}…`);
  const code = await run(
    'podman',
    [
      'build',
      '--isolation=chroot',
      '--format=docker',
      '--network=host',
      `--build-arg=NODE_IMAGE=${baseImage}`,
      `--tag=${IMAGE}`,
      ROOT,
    ],
    { stdio: 'inherit' },
  );
  if (code !== 0) throw new Error(`podman build failed (${code})`);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`image check failed: ${what}`);
  console.log(`  ✓ ${what}`);
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function runImage(env: Record<string, string>, port: number): Promise<void> {
  const envFlags = Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
  const common = [...RUN_FLAGS, ...envFlags, '--read-only', '--tmpfs=/tmp'];
  podman(['run', '--rm', ...common, IMAGE, 'node', '.build/migrate.js']);
  check(true, 'the migration runs from the image');
  const name = `inkwell-check-${randomBytes(3).toString('hex')}`;
  podman([
    'run',
    '--detach',
    `--name=${name}`,
    ...common,
    '--tmpfs=/app/.next/cache:rw,mode=1777',
    '--tmpfs=/app/.next/server/route-cache:rw,mode=1777',
    '--env',
    `PORT=${port}`,
    IMAGE,
  ]);
  try {
    const base = `http://127.0.0.1:${port}`;
    check((await waitFor(`${base}/api/health/live`)).ok, 'liveness answers 200');
    check((await fetch(`${base}/api/health/ready`)).ok, 'readiness answers 200 with its stores');
    check(podman(['exec', name, 'id', '-u']) === '1000', 'the server runs as uid 1000');
    podman(['healthcheck', 'run', name]);
    check(true, "the image's HEALTHCHECK passes");
    const home = await fetch(`${base}/`);
    check(home.ok && (await home.text()).includes('Inkwell'), 'the home page renders');
    const signUp = await fetch(`${base}/signup`);
    check(signUp.ok, 'the sign-up page renders');
    podman(['stop', '--time=20', name]);
    const exit = podman(['inspect', name, '--format', '{{.State.ExitCode}}']);
    check(exit === '0', 'SIGTERM drains and exits with 0');
  } finally {
    podman(['rm', '--force', name], { quiet: true });
  }
}

/** podman, runc and mmdebstrap from Debian's packages, installed when missing. */
async function ensureTools(): Promise<void> {
  const missing = ['podman', 'runc', 'mmdebstrap'].filter((tool) => !commandExists(tool));
  if (missing.length === 0) return;
  console.log(`Installing ${missing.join(', ')} from Debian's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '-qq', 'podman', 'runc', 'mmdebstrap', 'uidmap'];
  if ((await run('apt-get', install, { env })) === 0) return;
  if (
    (await run('apt-get', ['update', '-qq'], { env })) !== 0 ||
    (await run('apt-get', install, { env })) !== 0
  )
    throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

async function main(): Promise<void> {
  await ensureTools();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'inkwell-image-'));
  const ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb') });
  try {
    if (!GIVEN_IMAGE) {
      const requested = process.env.NODE_IMAGE;
      const base =
        requested && hasImage(requested)
          ? requested
          : hasImage(STAND_IN)
            ? STAND_IN
            : makeStandInBase(scratch);
      await buildImage(base);
    }
    const size = podman(['image', 'inspect', IMAGE, '--format', '{{.Size}}']);
    console.log(`${IMAGE}: ${Math.round(Number(size) / 1e6)} MB`);
    const port = await freePort();
    await runImage(
      {
        MONGODB_URI: ferret.uri('inkwell_image_check'),
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: `image-check:${randomBytes(3).toString('hex')}:`,
        AUTH_SECRET: randomBytes(33).toString('base64'),
        INNGEST_SIGNING_KEY: runSigningKey(),
        APP_URL: `http://127.0.0.1:${port}`,
      },
      port,
    );
    console.log('The image builds and runs.');
  } finally {
    await ferret.stop();
    if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
