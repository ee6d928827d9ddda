import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandExists, run } from './processes';

/**
 * kubeconform and the Kubernetes JSON schemas it validates against, both from the Go module
 * proxy (the schemas' usual home on GitHub cannot be reached from CI). The schemas are converted
 * from the OpenAPI document that ships inside the Kubernetes module itself
 * (api/openapi-spec/swagger.json), the same source the public kubernetes-json-schema sets are
 * made from, in their "standalone-strict" shape: one file per kind, every reference resolvable
 * inside the file, unknown fields refused.
 */
export const KUBECONFORM_VERSION = 'v0.8.0';
export const KUBERNETES_VERSION = 'v1.34.2';
const ROOT = path.resolve(__dirname, '..', '..');
const BIN_DIR = path.join(ROOT, '.bin');
export const KUBECONFORM_BINARY = path.join(BIN_DIR, `kubeconform-${KUBECONFORM_VERSION}`);
export const KUBERNETES_SCHEMA_DIR = path.join(
  BIN_DIR,
  `kubernetes-json-schema-${KUBERNETES_VERSION}-standalone-strict`,
);

function goCommand(): string {
  if (commandExists('go')) return 'go';
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error('Go is needed to install kubeconform once (https://go.dev/dl); not found');
}

/** `go install`s kubeconform into .bin/ under a versioned name, once. */
export async function ensureKubeconform(): Promise<string> {
  if (existsSync(KUBECONFORM_BINARY)) return KUBECONFORM_BINARY;
  const go = goCommand();
  const gobin = path.join(BIN_DIR, `.kubeconform-${process.pid}`);
  mkdirSync(gobin, { recursive: true });
  const code = await run(
    go,
    ['install', `github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}`],
    { cwd: ROOT, env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' } },
  );
  const built = path.join(gobin, 'kubeconform');
  if (code !== 0 || !existsSync(built)) throw new Error(`installing kubeconform failed (${code})`);
  renameSync(built, KUBECONFORM_BINARY);
  rmSync(gobin, { recursive: true, force: true });
  return KUBECONFORM_BINARY;
}

type Schema = { [key: string]: unknown };
interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Writes the per-kind schemas into KUBERNETES_SCHEMA_DIR from the module's swagger.json, once. */
export function ensureKubernetesSchemas(): string {
  const marker = path.join(KUBERNETES_SCHEMA_DIR, '.complete');
  if (existsSync(marker)) return KUBERNETES_SCHEMA_DIR;
  const download = JSON.parse(
    execFileSync(
      goCommand(),
      ['mod', 'download', '-json', `k8s.io/kubernetes@${KUBERNETES_VERSION}`],
      {
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '-mod=mod' },
      },
    ),
  ) as { Dir?: string; Error?: string };
  if (!download.Dir) throw new Error(`go mod download failed: ${download.Error ?? 'no directory'}`);
  const swagger = JSON.parse(
    readFileSync(path.join(download.Dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'),
  ) as { definitions: Record<string, Schema> };
  const staging = `${KUBERNETES_SCHEMA_DIR}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let written = 0;
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    const kinds = definition['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined;
    for (const gvk of kinds ?? []) {
      const file = `${gvk.kind.toLowerCase()}${gvk.group ? `-${gvk.group.split('.')[0]}` : ''}-${gvk.version}.json`;
      writeFileSync(
        path.join(staging, file),
        JSON.stringify(standaloneSchema(swagger.definitions, name, gvk)),
      );
      written += 1;
    }
  }
  if (written < 50) throw new Error(`only ${written} kinds found in swagger.json`);
  writeFileSync(path.join(staging, '.complete'), `${written}\n`);
  rmSync(KUBERNETES_SCHEMA_DIR, { recursive: true, force: true });
  renameSync(staging, KUBERNETES_SCHEMA_DIR);
  return KUBERNETES_SCHEMA_DIR;
}

/**
 * One kind's schema: the definition itself at the top, every definition it reaches under
 * `definitions` with references rewritten to point there. Strict: objects with declared
 * properties refuse others (as `kubectl --validate=strict` does). apiVersion and kind are pinned
 * to this kind's. IntOrString and Quantity accept what the API server accepts (string or number).
 */
function standaloneSchema(
  all: Record<string, Schema>,
  name: string,
  gvk: GroupVersionKind,
): Schema {
  const reached = new Map<string, Schema>();
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (reached.has(next)) continue;
    const source = all[next];
    if (!source) throw new Error(`swagger.json has no definition ${next}`);
    reached.set(next, rewrite(source, queue));
  }
  const top = { ...(reached.get(name) as Schema) };
  const properties = { ...(top.properties as Record<string, Schema>) };
  const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  properties.apiVersion = { type: 'string', enum: [apiVersion] };
  properties.kind = { type: 'string', enum: [gvk.kind] };
  top.properties = properties;
  top.required = [...new Set([...((top.required as string[]) ?? []), 'apiVersion', 'kind'])];
  reached.delete(name);
  return {
    $schema: 'http://json-schema.org/schema#',
    ...top,
    definitions: Object.fromEntries(reached),
  };
}

const INT_OR_STRING = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
const NUMBER_OR_STRING = { oneOf: [{ type: 'string' }, { type: 'number' }] };

function rewrite(node: Schema, queue: string[]): Schema {
  if (node.format === 'int-or-string') return { ...INT_OR_STRING, description: node.description };
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const target = value.replace('#/definitions/', '');
      if (target === 'io.k8s.apimachinery.pkg.api.resource.Quantity')
        return { ...NUMBER_OR_STRING };
      queue.push(target);
      out.$ref = `#/definitions/${target}`;
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([field, schema]) => [
          field,
          rewrite(schema, queue),
        ]),
      );
    } else if (Array.isArray(value)) {
      out[key] = value.map((item) =>
        item && typeof item === 'object' ? rewrite(item as Schema, queue) : item,
      );
    } else if (value && typeof value === 'object' && key !== 'x-kubernetes-group-version-kind') {
      out[key] = rewrite(value as Schema, queue);
    } else {
      out[key] = value;
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
