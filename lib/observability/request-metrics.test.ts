import { describe, expect, it } from 'vitest';
import {
  createRequestContext,
  currentRequestContext,
  runWithRequestContext,
} from '@/lib/request/context';
import {
  formatServerTiming,
  recordCacheRead,
  recordMongoCommand,
  recordRedisCommands,
} from './request-metrics';

describe('request metrics', () => {
  it('scopes counters to the request that did the work, across awaits', async () => {
    const first = createRequestContext('first');
    const second = createRequestContext('second');
    await Promise.all([
      runWithRequestContext(first, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        recordMongoCommand(2);
        recordRedisCommands(3, 1);
      }),
      runWithRequestContext(second, async () => {
        recordRedisCommands(1, 0.5);
        expect(currentRequestContext()?.requestId).toBe('second');
      }),
    ]);
    expect(first.mongo).toEqual({ commands: 1, ms: 2 });
    expect(first.redis).toEqual({ commands: 3, ms: 1 });
    expect(second.mongo.commands).toBe(0);
    expect(second.redis.commands).toBe(1);
    expect(currentRequestContext()).toBeUndefined();
  });

  it('gives the public Server-Timing total only: no command counts, cache kinds or instance', () => {
    const metrics = createRequestContext('public');
    runWithRequestContext(metrics, () => {
      recordMongoCommand(1.25);
      recordRedisCommands(2, 0.5);
      recordCacheRead('article', true);
    });
    expect(formatServerTiming(metrics, 'web-1')).toMatch(/^total;dur=\d+\.\d$/);
  });

  it('formats Server-Timing with totals, stores, cache hits per kind and the instance', () => {
    const metrics = createRequestContext('timing', undefined, true);
    runWithRequestContext(metrics, () => {
      recordMongoCommand(1.25);
      recordRedisCommands(2, 0.5);
      recordCacheRead('article', true);
      recordCacheRead('user', true);
      recordCacheRead('user', false);
    });
    const header = formatServerTiming(metrics, 'web-1');
    expect(header).toMatch(/^total;dur=\d+\.\d, /);
    expect(header).toContain('mongo;desc="1";dur=1.3');
    expect(header).toContain('redis;desc="2";dur=0.5');
    expect(header).toContain('cache;desc="hit=2 miss=1"');
    expect(header).toContain('cache-article;desc="hit"');
    expect(header).toContain('cache-user;desc="miss"');
    expect(header).toContain('instance;desc="web-1"');
  });
});
