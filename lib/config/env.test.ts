import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/inkwell',
  AUTH_SECRET: 'x'.repeat(32),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('environment validation', () => {
  it('applies defaults for everything optional', () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.REDIS_KEY_PREFIX).toBe('inkwell:');
    expect(env.redisDriver).toBe('tcp');
    expect(env.jobsMode).toBe('in-process');
    expect(env.appUrl).toBe('http://localhost:3000');
    expect(env.instanceName).toMatch(/-3000$/);
  });

  it('names each bad variable and what it expects, without echoing secrets', () => {
    const problems = problemsOf({
      MONGODB_URI: 'postgres://nope',
      AUTH_SECRET: 'short',
      PORT: 'eighty',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('MONGODB_URI'))).toMatch(
      /mongodb:\/\/ or mongodb\+srv:\/\//,
    );
    expect(problems.find((p) => p.startsWith('AUTH_SECRET'))).toMatch(/at least 32 characters/);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/port.*got "eighty"/i);
    expect(problems.join('\n')).not.toContain('postgres://nope');
    expect(problems.join('\n')).not.toContain('short');
  });

  it('bounds the memory each instance gives to hot copies of cached pages', () => {
    expect(parseEnv(valid).PAGE_CACHE_MEMORY_MB).toBe(64);
    expect(parseEnv({ ...valid, PAGE_CACHE_MEMORY_MB: '0' }).PAGE_CACHE_MEMORY_MB).toBe(0);
    expect(parseEnv({ ...valid, PAGE_CACHE_MEMORY_MB: '256' }).PAGE_CACHE_MEMORY_MB).toBe(256);
    for (const bad of ['-1', '4097', '1.5', 'lots'])
      expect(problemsOf({ ...valid, PAGE_CACHE_MEMORY_MB: bad })).toEqual([
        expect.stringMatching(/^PAGE_CACHE_MEMORY_MB: expected .*(megabytes|MB)/),
      ]);
  });

  it('reports a missing required variable as not set', () => {
    const problems = problemsOf({ AUTH_SECRET: 'x'.repeat(32) });
    expect(problems).toEqual([expect.stringMatching(/^MONGODB_URI: expected .*mongodb/)]);
  });

  it('takes an optional cache Redis: a redis:// URL or cluster nodes, never both', () => {
    expect(parseEnv(valid).CACHE_REDIS_URL).toBeUndefined();
    expect(parseEnv(valid).cacheRedisClusterNodes).toBeNull();
    expect(parseEnv({ ...valid, CACHE_REDIS_URL: '' }).CACHE_REDIS_URL).toBeUndefined();
    expect(parseEnv({ ...valid, CACHE_REDIS_URL: 'rediss://cache:6380' }).CACHE_REDIS_URL).toBe(
      'rediss://cache:6380',
    );
    expect(
      parseEnv({ ...valid, CACHE_REDIS_CLUSTER_NODES: 'a:7000, b:7001' }).cacheRedisClusterNodes,
    ).toEqual(['a:7000', 'b:7001']);
    const problems = problemsOf({ ...valid, CACHE_REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(problems).toEqual([
      expect.stringMatching(/^CACHE_REDIS_URL: expected a Redis URL \(redis:\/\/ or rediss:\/\/\)/),
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(
      problemsOf({ ...valid, CACHE_REDIS_URL: 'redis://c:6379', CACHE_REDIS_CLUSTER_NODES: 'a:1' }),
    ).toEqual([expect.stringMatching(/^CACHE_REDIS_CLUSTER_NODES: expected one cache Redis/)]);
  });

  it('needs both Upstash variables, and then picks the REST driver', () => {
    expect(problemsOf({ ...valid, UPSTASH_REDIS_REST_URL: 'https://example.upstash.io' })).toEqual([
      expect.stringMatching(/^UPSTASH_REDIS_REST_TOKEN: expected set together/),
    ]);
    const env = parseEnv({
      ...valid,
      UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 't',
    });
    expect(env.redisDriver).toBe('upstash');
  });

  it('needs APP_URL in production: links, OAuth callbacks and Secure cookies follow it', () => {
    const key = `signkey-prod-${'ab'.repeat(32)}`;
    const production = { ...valid, NODE_ENV: 'production', INNGEST_SIGNING_KEY: key };
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(/^APP_URL: expected required in production/),
    ]);
    expect(problemsOf({ ...production, APP_URL: 'https://inkwell.example' })).toEqual([]);
    expect(problemsOf(valid)).toEqual([]);
  });

  it('chooses the jobs mode from the Inngest variables', () => {
    expect(parseEnv({ ...valid, INNGEST_DEV: '1' }).jobsMode).toBe('inngest-dev');
    expect(
      parseEnv({ ...valid, INNGEST_EVENT_KEY: 'key', INNGEST_SIGNING_KEY: 'signkey' }).jobsMode,
    ).toBe('inngest-cloud');
    expect(
      problemsOf({
        ...valid,
        NODE_ENV: 'production',
        APP_URL: 'https://inkwell.example',
        INNGEST_EVENT_KEY: 'key',
      }),
    ).toEqual([expect.stringMatching(/^INNGEST_SIGNING_KEY: expected required/)]);
  });

  it('needs INNGEST_SIGNING_KEY in production in every jobs mode, and no unsigned dev server', () => {
    const production = { ...valid, NODE_ENV: 'production', APP_URL: 'https://inkwell.example' };
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(/^INNGEST_SIGNING_KEY: expected required in production/),
    ]);
    expect(problemsOf({ ...production, INNGEST_SIGNING_KEY: 'signkey-prod-short' })).toEqual([
      expect.stringMatching(/^INNGEST_SIGNING_KEY: expected a key of at least 32 characters/),
    ]);
    expect(problemsOf({ ...production, INNGEST_SIGNING_KEY: 'x'.repeat(12) })).toHaveLength(1);
    const key = `signkey-prod-${'ab'.repeat(32)}`;
    expect(parseEnv({ ...production, INNGEST_SIGNING_KEY: key }).jobsMode).toBe('in-process');
    expect(problemsOf({ ...production, INNGEST_SIGNING_KEY: key, INNGEST_DEV: '1' })).toEqual([
      expect.stringMatching(/^INNGEST_DEV: expected unset in production/),
    ]);
    // Outside production a process without a key makes its own (lib/jobs/signing.ts).
    expect(problemsOf(valid)).toEqual([]);
    expect(problemsOf({ ...production, INNGEST_SIGNING_KEY: key }).join('\n')).not.toContain(key);
  });

  it('treats empty values as unset, as .env files often have them', () => {
    const env = parseEnv({ ...valid, APP_URL: '', INSTANCE_NAME: '', UPSTASH_REDIS_REST_URL: '' });
    expect(env.redisDriver).toBe('tcp');
    expect(env.appUrl).toBe('http://localhost:3000');
  });
});
