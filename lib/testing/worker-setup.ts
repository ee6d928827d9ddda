/**
 * Each test worker gets its own database and Redis key prefix, so parallel workers and
 * concurrent runs never see each other's data.
 */
const worker = process.env.VITEST_POOL_ID ?? '0';
const uri = process.env.MONGODB_URI;
if (uri && !process.env.INKWELL_WORKER_SCOPED) {
  const url = new URL(uri);
  const database = url.pathname.replace(/^\//, '') || 'inkwell_test';
  url.pathname = `/${database}_w${worker}`;
  process.env.MONGODB_URI = url.toString();
  process.env.REDIS_KEY_PREFIX = `${process.env.REDIS_KEY_PREFIX ?? 'test:'}w${worker}:`;
  process.env.INKWELL_WORKER_SCOPED = '1';
}
process.env.LOG_LEVEL ??= 'warn';
