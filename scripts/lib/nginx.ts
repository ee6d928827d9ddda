import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { commandExists, run, startProcess, stopProcess, waitForPort } from './processes';

const NGINX = '/usr/sbin/nginx';

/** Debian's nginx, installed when missing (the clone tests put instances behind it). */
export async function ensureNginx(): Promise<string> {
  if (existsSync(NGINX)) return NGINX;
  if (commandExists('nginx')) return 'nginx';
  if (process.getuid?.() !== 0)
    throw new Error('nginx is missing: sudo apt-get install -y nginx-light');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  if ((await run('apt-get', ['install', '-y', '-qq', 'nginx-light'], { env })) !== 0) {
    throw new Error('apt-get install nginx-light failed');
  }
  return NGINX;
}

export interface RunningBalancer {
  url: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A round-robin nginx in front of `upstreamPorts`, its config and state in `dir`. Open-source
 * nginx has no active health checks, so it fails over passively (as deploy/compose/nginx.conf
 * does): a request that cannot connect, times out or gets a 502/503 is tried once on another
 * instance (never a POST already sent: nginx does not retry non-idempotent requests), and an
 * instance that fails twice within 10 s gets no requests for 10 s.
 */
export async function startBalancer({
  port,
  upstreamPorts,
  dir,
}: {
  port: number;
  upstreamPorts: number[];
  dir: string;
}): Promise<RunningBalancer> {
  const nginx = await ensureNginx();
  mkdirSync(dir, { recursive: true });
  const config = `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 6m;
  upstream inkwell {
${upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=2 fail_timeout=10s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://inkwell;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_next_upstream_timeout 10s;
    }
  }
}
`;
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, config);
  const child = startProcess(nginx, ['-p', dir, '-c', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}`, dir, process: child, stop: () => stopProcess(child) };
}
