import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/** The e2e instance's database (global setup names it after the stores' own URI). */
export function e2eDatabaseUri(): string {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '') || '/inkwell'}_e2e`;
  return uri.toString();
}

/** `npm run admin -- <args>` against the e2e instance's database: its output. */
export async function adminCommand(...args: string[]): Promise<string> {
  const { stdout } = await run(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', 'scripts/admin.ts', ...args],
    { cwd: ROOT, env: { ...process.env, MONGODB_URI: e2eDatabaseUri() } },
  );
  return stdout.trim();
}
