/**
 * `npm run audit`: Lighthouse 12 with Debian's chromium against a production build, mobile and
 * desktop, on every page; prints the four scores per page and records them in docs/quality.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './lib/chromium-flags';
import { stopChildrenOnExit } from './lib/processes';
import { postJson, signUp, startStack } from './lib/stack';

const ROOT = path.resolve(__dirname, '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGET = 95;

interface Row {
  page: string;
  formFactor: 'mobile' | 'desktop';
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Titles of the weighted audits that did not pass, or why the run failed. */
  failing: string[];
}

async function main(): Promise<void> {
  stopChildrenOnExit();
  await ensureChromium();
  // `--no-build`: audit the build already there (after `npm run build`).
  const stack = await startStack('audit', {}, [], { build: !process.argv.includes('--no-build') });
  const base = stack.app.url.replace('127.0.0.1', 'localhost');
  try {
    const cookie = await signUp(stack.app.url, 'audit_writer');
    await makeAdmin(stack.env, 'audit_writer');
    const pages = pagesToAudit(await publishSampleArticle(stack.app.url, cookie));
    const { default: lighthouse } = await import('lighthouse');
    const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
    const chromeLauncher = await import('chrome-launcher');
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
    });
    const rows: Row[] = [];
    try {
      for (const [name, url, signedIn] of pages) {
        for (const formFactor of ['mobile', 'desktop'] as const) {
          const audit = () =>
            lighthouse(
              `${base}${url}`,
              {
                port: chrome.port,
                output: 'json',
                logLevel: 'error',
                onlyCategories: [...CATEGORIES],
                extraHeaders: signedIn ? { Cookie: cookie } : undefined,
              },
              formFactor === 'desktop' ? desktopConfig : undefined,
            );
          let result = await audit();
          // NO_NAVSTART is Lighthouse failing to record its own trace (it says to run it again),
          // not something the page did: run it again, at most twice.
          for (
            let retry = 0;
            retry < 2 && result?.lhr.runtimeError?.code === 'NO_NAVSTART';
            retry += 1
          ) {
            console.log(
              `${name} ${formFactor}: Lighthouse could not record a trace; running again`,
            );
            result = await audit();
          }
          const lhr = result?.lhr;
          const categories = lhr?.categories ?? {};
          const scores = Object.fromEntries(
            CATEGORIES.map((category) => [
              category,
              Math.round((categories[category]?.score ?? 0) * 100),
            ]),
          ) as Row['scores'];
          const failing = lhr?.runtimeError
            ? [lhr.runtimeError.message]
            : CATEGORIES.flatMap((category) =>
                (categories[category]?.auditRefs ?? [])
                  .filter((ref) => ref.weight > 0 && (lhr?.audits[ref.id]?.score ?? 1) < 0.9)
                  .map((ref) => `${category}: ${lhr?.audits[ref.id]?.title ?? ref.id}`),
              );
          rows.push({ page: name, formFactor, scores, failing });
          console.log(
            `${name.padEnd(18)} ${formFactor.padEnd(8)} ${CATEGORIES.map((category) => `${category} ${scores[category]}`).join('  ')}`,
          );
        }
      }
    } finally {
      await chrome.kill();
    }
    record(rows);
  } finally {
    await stack.stop();
  }
}

/** Publishes the article the article page is audited on; returns its id and slug. */
async function publishSampleArticle(
  url: string,
  cookie: string,
): Promise<{ id: string; slug: string }> {
  const draft = await postJson(url, cookie, '/api/articles', {
    title: 'How we audit Inkwell',
    body: '## Why\n\nEvery page is measured.\n\n```ts\nconst fast = true;\n```\n\n> Quality is a habit.',
    tags: 'quality, web',
  });
  const article = await postJson(url, cookie, `/api/articles/${String(draft.id)}/publish`, {});
  return { id: String(draft.id), slug: String(article.slug) };
}

/** Every page: its name, path and whether it is audited signed in. */
/** The writer is an admin too, so the moderators' pages are audited as they see them. */
async function makeAdmin(env: Record<string, string>, username: string): Promise<void> {
  Object.assign(process.env, { MONGODB_URI: env.MONGODB_URI });
  const { runAdminCommand } = await import('./admin');
  const { disconnectDb } = await import('../lib/db/connection');
  const outcome = await runAdminCommand(['grant', 'admin', username, 'audited as an admin']);
  await disconnectDb();
  if (outcome.code !== 0) throw new Error(outcome.message);
}

function pagesToAudit(article: { id: string; slug: string }): [string, string, boolean][] {
  return [
    ['home', '/', false],
    ['article', `/u/audit_writer/${article.slug}`, false],
    ['profile', '/u/audit_writer', false],
    ['tag', '/t/quality', false],
    ['sign-in', '/signin', false],
    ['sign-up', '/signup', false],
    ['sign-up confirmation', `/signup/confirm?token=${'a'.repeat(43)}`, false],
    ['not-found', '/no/such/page', false],
    ['home (signed in)', '/', true],
    ['article (signed in)', `/u/audit_writer/${article.slug}`, true],
    ['write', '/write', true],
    ['history', `/write/${article.id}/history`, true],
    ['your articles', '/dashboard', true],
    ['friends', '/friends', true],
    ['notifications', '/notifications', true],
    ['settings', '/settings', true],
    ['search', '/search?q=audit', false],
    ['search (signed in)', '/search?q=audit', true],
    ['moderation queue', '/moderation', true],
    ['moderation audit log', '/moderation/audit', true],
  ];
}

/** Rewrites the scores table in docs/quality.md (between its markers). */
function record(rows: Row[]): void {
  const file = path.join(ROOT, 'docs', 'quality.md');
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run audit\` (Lighthouse 12, Debian chromium, production build). Target: ${TARGET}.`,
    '',
    '| page | form factor | performance | accessibility | best practices | SEO | audits below 90 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.page} | ${row.formFactor} | ${CATEGORIES.map((category) => (row.scores[category] < TARGET ? `**${row.scores[category]}**` : String(row.scores[category]))).join(' | ')} | ${row.failing.join('; ').replace(/\|/g, '/') || '-'} |`,
    ),
  ].join('\n');
  const current = readFileSync(file, 'utf8');
  const updated = current.replace(
    /<!-- scores:start -->[\s\S]*<!-- scores:end -->/,
    `<!-- scores:start -->\n${table}\n<!-- scores:end -->`,
  );
  writeFileSync(file, updated);
  const below = rows.filter((row) => CATEGORIES.some((category) => row.scores[category] < TARGET));
  console.log(
    below.length === 0
      ? `All pages score ${TARGET}+ in all four categories.`
      : `${below.length} page/form-factor runs below ${TARGET}: see docs/quality.md.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
