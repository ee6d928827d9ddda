/**
 * Validates deploy/k8s against the Kubernetes API schemas, offline (kubeconform -strict): unknown
 * fields, wrong types and missing required fields fail. Part of `npm test`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureKubeconform, ensureKubernetesSchemas } from './lib/kubeconform';
import { run } from './lib/processes';

/** A manifest each schema must refuse: if any passes, the schemas are too loose to trust. */
const MUST_FAIL = {
  'unknown-field.yaml': `apiVersion: v1
kind: Service
metadata: { name: x }
spec: { selectr: { app: x }, ports: [{ port: 80 }] }
`,
  'wrong-type.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: x }
spec: { scaleTargetRef: { kind: Deployment, name: x }, minReplicas: two, maxReplicas: 3 }
`,
  'unknown-kind.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudgt
metadata: { name: x }
`,
};

async function main(): Promise<number> {
  const kubeconform = await ensureKubeconform();
  const schemas = ensureKubernetesSchemas();
  // Every kind must have a schema (no -ignore-missing-schemas): a typo in a kind fails.
  const validate = (target: string) =>
    run(kubeconform, [
      '-strict',
      '-summary',
      '-schema-location',
      `${schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      target,
    ]);

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kubeconform-'));
  try {
    for (const [name, manifest] of Object.entries(MUST_FAIL)) {
      writeFileSync(path.join(scratch, name), manifest);
      if ((await validate(path.join(scratch, name))) === 0) {
        console.error(`the schemas accepted ${name}: they are too loose`);
        return 1;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log('(the three refusals above are expected: the schemas are strict)');
  return validate(path.resolve(__dirname, '..', 'deploy', 'k8s'));
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
