import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { clientAddress } from '@/lib/request/client-address';
import { ensureNginx } from './lib/nginx';

/**
 * The deployment files, checked where no container can run (no registry is reachable here to
 * pull base images): the Dockerfile's shape, that the settings in compose.yaml and the Kubernetes
 * ConfigMap pass the app's own validation in production, and that the nginx config parses.
 * deploy/k8s is validated against the Kubernetes schemas by scripts/check-k8s.ts.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const SECRETS = {
  AUTH_SECRET: 'a'.repeat(44),
  INNGEST_EVENT_KEY: 'e'.repeat(32),
  INNGEST_SIGNING_KEY: 'f'.repeat(64),
  METRICS_TOKEN: 'm'.repeat(32),
  APP_URL: 'https://inkwell.example.com',
  SMTP_URL: '',
  MAIL_FROM: 'Inkwell <no-reply@inkwell.example.com>',
};

/** `KEY: value` lines of a YAML block (indented `indent` spaces), unquoted; comments skipped. */
function yamlMapping(text: string, indent: number): Record<string, string> {
  const entries: Record<string, string> = {};
  const line = new RegExp(`^ {${indent}}([A-Z][A-Z0-9_]*): (.*)$`);
  for (const raw of text.split('\n')) {
    const match = line.exec(raw);
    if (match?.[1] && match[2] !== undefined)
      entries[match[1]] = match[2].trim().replace(/^'(.*)'$/, '$1');
  }
  return entries;
}

/** Compose's ${NAME:?…} / ${NAME:-default} interpolation, from `values`. */
function interpolate(value: string, values: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_match, name: string, fallback = '') =>
    name in values ? (values[name] as string) : fallback,
  );
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds in three stages and runs as a non-root user', () => {
    expect(stages.map((stage) => /AS (\w+)/.exec(stage)?.[1])).toEqual([
      'deps',
      'build',
      'runtime',
    ]);
    const user = /^USER (\S+)/m.exec(runtime)?.[1] ?? 'root';
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('ships only what `npm start` reads into the runtime image', () => {
    const copied = [...runtime.matchAll(/^COPY --from=build (.+) \.\/?\S*$/gm)].flatMap((copy) =>
      (copy[1] as string).split(' '),
    );
    expect(copied.sort()).toEqual(
      [
        '/app/.build',
        '/app/.next',
        '/app/next.config.js',
        '/app/node_modules',
        '/app/package.json',
        '/app/public',
      ].sort(),
    );
    expect(runtime).not.toMatch(/^COPY (?!--from=)/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('checks liveness, turns telemetry off and bakes in no secret', () => {
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health\/live/m);
    expect(runtime).toMatch(/NEXT_TELEMETRY_DISABLED=1/);
    expect(runtime).toMatch(/^CMD \["node", "\.build\/server\.js"\]/m);
    for (const [, name] of dockerfile.matchAll(/^\s*(?:ENV|ARG)?\s*(\w+)=/gm))
      expect(name).not.toMatch(/SECRET|TOKEN|KEY|PASSWORD|URI|URL/);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', 'node_modules', '.next', '.data', '.env', '.env.*', '.bin'])
      expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = read('compose.yaml');

  it('gives the app settings that pass its own validation in production', () => {
    const block = compose.slice(
      compose.indexOf('environment: &app-env'),
      compose.indexOf('\n  depends_on:'),
    );
    const settings = Object.fromEntries(
      Object.entries(yamlMapping(block, 4)).map(([name, value]) => [
        name,
        interpolate(value, SECRETS),
      ]),
    );
    const env = parseEnv({ ...settings, INSTANCE_NAME: 'web-1' });
    expect(env.NODE_ENV).toBe('production');
    expect(env.jobsMode).toBe('inngest-cloud');
    expect(env.INNGEST_BASE_URL).toBe('http://inngest:8288');
    expect(env.MONGODB_URI).toMatch(/replicaSet=rs0/);
  });

  it("trusts exactly the compose network's range, so the client is the address nginx saw", () => {
    const subnet = /subnet: (\S+)/.exec(compose)?.[1];
    expect(subnet).toBeDefined();
    const trusted = /TRUST_PROXY: (\S+)/.exec(compose)?.[1];
    expect(trusted).toBe(subnet);
    const env = parseEnv({ MONGODB_URI: 'mongodb://mongo/x', ...SECRETS, TRUST_PROXY: trusted });
    // nginx (172.28.0.5) appended the peer it saw to what the client claimed.
    expect(clientAddress('172.28.0.5', '10.9.9.9, 198.51.100.23', env.trustedProxies)).toBe(
      '198.51.100.23',
    );
    // A client cannot pass itself off as nginx: outside the range, the peer is the client.
    expect(clientAddress('198.51.100.23', '172.28.0.9', env.trustedProxies)).toBe('198.51.100.23');
  });

  it('keeps sessions durable (noeviction) and only the optional cache evicting', () => {
    const redis = compose.slice(compose.indexOf('\n  redis:'), compose.indexOf('\n  cache-redis:'));
    expect(redis).toMatch(/- noeviction/);
    const cache = compose.slice(
      compose.indexOf('\n  cache-redis:'),
      compose.indexOf('\n  inngest:'),
    );
    expect(cache).toMatch(/- allkeys-lru/);
    expect(cache).toMatch(/profiles: \[cache\]/);
  });

  it("binds Inngest's unauthenticated dashboard to the host's loopback only", () => {
    const inngest = compose.slice(compose.indexOf('\n  inngest:'), compose.indexOf('\nnetworks:'));
    expect(inngest).toMatch(/'127\.0\.0\.1:8288:8288'/);
    expect(inngest).toMatch(/INNGEST_SIGNING_KEY/);
  });
});

describe('Kubernetes ConfigMap', () => {
  it('passes the app’s validation in production with the secrets beside it', () => {
    const configMap = read('deploy/k8s/configmap.yaml');
    const settings = yamlMapping(configMap.slice(configMap.indexOf('\ndata:')), 2);
    const env = parseEnv({ ...settings, ...SECRETS, MONGODB_URI: 'mongodb+srv://u:p@c/inkwell' });
    expect(env.NODE_ENV).toBe('production');
    expect(env.trustedProxies).not.toBeNull();
  });
});

describe('nginx configuration for compose', () => {
  const conf = read('deploy/compose/nginx.conf');

  it('appends to X-Forwarded-For and fails over passively', () => {
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503;/);
    expect(conf.match(/max_fails=\d+ fail_timeout=\d+s/g)).toHaveLength(2);
  });

  it('parses (nginx -t, the compose host names pointed at the loopback)', async () => {
    const nginx = await ensureNginx();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-nginx-'));
    try {
      const file = path.join(dir, 'nginx.conf');
      writeFileSync(
        file,
        conf
          .replace(/web-\d:3000/g, '127.0.0.1:3000')
          .replace('pid /tmp/nginx.pid;', `pid ${dir}/nginx.pid;`),
      );
      const output = execFileSync(nginx, ['-t', '-p', dir, '-c', file, '-e', `${dir}/error.log`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
