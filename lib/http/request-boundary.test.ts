import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { identifyRequest } from '@/lib/sessions/request-identity';
import {
  bodyLimitFor,
  MAX_ANY_BODY_BYTES,
  MAX_ARTICLE_JSON_BYTES,
  MAX_JSON_BYTES,
  tooLargeMessage,
} from './body-limits';
import { checkRequestPath } from './canonical-url';
import { parseTrustedProxies } from '@/lib/config/trusted-proxies';
import { addressForLimits, clientAddress } from '@/lib/request/client-address';

const SESSION = 'a'.repeat(43);
const NAME = 'inkwell.session';

describe('who a request is (one answer for the page cache and the render)', () => {
  it('no session cookie is anonymous; one well-formed cookie is that session', () => {
    expect(identifyRequest(undefined, NAME)).toEqual({ kind: 'anonymous' });
    expect(identifyRequest('theme=dark; other=1', NAME)).toEqual({ kind: 'anonymous' });
    expect(identifyRequest(`theme=dark; ${NAME}=${SESSION}`, NAME)).toEqual({
      kind: 'session',
      sessionId: SESSION,
    });
  });

  it.each([
    ['repeated, the first empty', `${NAME}=; ${NAME}=${SESSION}`],
    ['repeated, both set', `${NAME}=${SESSION}; ${NAME}=${'b'.repeat(43)}`],
    ['repeated, the same value', `${NAME}=${SESSION}; ${NAME}=${SESSION}`],
    ['empty', `${NAME}=`],
    ['without a value', `${NAME}`],
    ['malformed', `${NAME}=not-a-session`],
    ['percent-encoded', `${NAME}=%61${'a'.repeat(42)}`],
    ['quoted', `${NAME}="${SESSION}"`],
    ['another case of the name', `INKWELL.SESSION=${SESSION}`],
    ['padded name, repeated', ` ${NAME} =${SESSION};${NAME}=${SESSION}`],
  ])('a session cookie %s is ambiguous', (_label, header) => {
    expect(identifyRequest(header, NAME).kind).toBe('ambiguous');
  });

  it('reads several Cookie headers as one', () => {
    expect(identifyRequest([`${NAME}=`, `${NAME}=${SESSION}`], NAME).kind).toBe('ambiguous');
  });
});

describe('canonical paths', () => {
  it.each([
    ['/u/GRACE', '/u/grace'],
    ['/u/%67race', '/u/grace'],
    ['/u/Grace/My-Article', '/u/grace/my-article'],
    ['/u/grace/%6Dy-article', '/u/grace/my-article'],
    ['/t/Web-Dev', '/t/web-dev'],
    ['/u/GRACE?before=1', '/u/grace?before=1'],
    ['/u/grace/feed.xml', null],
    ['/u/GRACE/feed.xml', '/u/grace/feed.xml'],
    ['/%73ettings', '/settings'],
    ['/u/grace', null],
    ['/', null],
    ['/u/gr%C3%A4ce', null],
    ['/u/gr%c3%a4ce', '/u/gr%C3%A4ce'],
    ['/t/a%2Fb', null],
  ])('%s → %s', (path, location) => {
    const verdict = checkRequestPath(path, 'GET');
    expect(verdict).toEqual(location ? { kind: 'redirect', location } : { kind: 'canonical' });
    // The canonical form is stable: it never redirects again.
    if (location) expect(checkRequestPath(location, 'GET')).toEqual({ kind: 'canonical' });
  });

  it.each([
    '/u/%ff',
    '/media/%ff',
    '/t/%E0%A4%A',
    '/%',
    '/api/x%zz',
    '/_next/static/%c0',
    // Would redirect off the site: Location //evil.example/a.
    '//evil.example/%61',
    '///evil.example/%41?q=1',
    'evil.example',
  ])('%s is a bad request', (path) =>
    expect(checkRequestPath(path, 'GET')).toEqual({ kind: 'malformed' }),
  );

  it('leaves writes and the API as addressed', () => {
    expect(checkRequestPath('/u/GRACE', 'POST')).toEqual({ kind: 'canonical' });
    expect(checkRequestPath('/api/Articles/%61', 'GET')).toEqual({ kind: 'canonical' });
  });
});

describe('the client address behind trusted proxies', () => {
  const loopback = parseTrustedProxies('loopback');
  const lb = parseTrustedProxies('10.0.0.0/8, 192.168.1.7, fd00::/8');

  it('without TRUST_PROXY the socket peer is the client, whatever the header says', () => {
    expect(clientAddress('203.0.113.5', '1.2.3.4', null)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', undefined, null)).toBe('203.0.113.5');
  });

  it('is the rightmost address that is not a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.18.0.9', loopback)).toBe('198.18.0.9');
    expect(clientAddress('10.1.2.3', '203.0.113.5, 192.168.1.7', lb)).toBe('203.0.113.5');
    expect(clientAddress('fd00::1', '2001:db8::1', lb)).toBe('2001:db8::1');
  });

  it('ignores what the client wrote left of it (forged entries change nothing)', () => {
    for (const forged of ['1.1.1.1', '2.2.2.2, 3.3.3.3', 'garbage', '10.0.0.1'])
      expect(clientAddress('10.1.2.3', `${forged}, 203.0.113.5`, lb)).toBe('203.0.113.5');
  });

  it('a request straight from an untrusted peer is that peer', () => {
    expect(clientAddress('203.0.113.5', '1.2.3.4', lb)).toBe('203.0.113.5');
  });

  it('reads addresses that a proxy wrote with a port', () => {
    expect(clientAddress('10.1.2.3', '203.0.113.5:5555', lb)).toBe('203.0.113.5');
    expect(clientAddress('10.1.2.3', '[2001:db8::1]:443', lb)).toBe('2001:db8::1');
  });

  it('counts an IPv6 client by its /64 for rate limits, however it is written', () => {
    const network = addressForLimits('2001:db8:1:2::1');
    for (const written of [
      '2001:DB8:1:2::e',
      '2001:0db8:0001:0002:0:0:0:ffff',
      '2001:db8:1:2:a:b:c:d',
    ])
      expect(addressForLimits(written)).toBe(network);
    expect(addressForLimits('2001:db8:1:3::1')).not.toBe(network);
    expect(addressForLimits('::1')).toBe('0:0:0:0::/64');
    expect(addressForLimits('203.0.113.5')).toBe('203.0.113.5');
  });

  it('stops at a trusted proxy that wrote no address', () => {
    expect(clientAddress('10.1.2.3', 'unknown', lb)).toBe('10.1.2.3');
  });

  it.each(['1', 'true', 'everyone', '10.0.0.0/40', '300.1.1.1'])(
    'refuses TRUST_PROXY=%s',
    (spec) => {
      expect(() => parseTrustedProxies(spec)).toThrow();
    },
  );
});

describe('body limits', () => {
  it('one table: JSON routes 64 KiB, articles their body, uploads 5 MB, the job endpoint 4 MB', () => {
    // An article of the most characters it may have (100,000), each at its longest in JSON.
    for (const path of ['/api/articles', '/api/articles/abc', '/api/articles/abc/publish'])
      expect(bodyLimitFor(path)).toBe(MAX_ARTICLE_JSON_BYTES);
    expect(bodyLimitFor('/api/articles/preview')).toBe(MAX_ARTICLE_JSON_BYTES);
    expect(MAX_ARTICLE_JSON_BYTES).toBeGreaterThanOrEqual(100_000 * 6);
    expect(bodyLimitFor('/api/articles/abc/comments')).toBe(MAX_JSON_BYTES);
    expect(bodyLimitFor('/api/articles/abc/schedule')).toBe(MAX_JSON_BYTES);
    expect(bodyLimitFor('/u/grace')).toBe(MAX_JSON_BYTES);
    expect(bodyLimitFor('/api/articles/abc/cover')).toBeGreaterThan(5 * 1024 * 1024);
    expect(bodyLimitFor('/api/articles/abc/images')).toBeGreaterThan(5 * 1024 * 1024);
    expect(bodyLimitFor('/api/profile/avatar')).toBeGreaterThan(5 * 1024 * 1024);
    expect(bodyLimitFor('/api/inngest')).toBeGreaterThan(4 * 1024 * 1024);
    // In-process, no call to the job endpoint comes over the network.
    expect(bodyLimitFor('/api/inngest', { jobsOverNetwork: false })).toBe(MAX_JSON_BYTES);
  });

  it('a body over the limit is told which field and its limit', () => {
    expect(tooLargeMessage('/api/articles/abc')).toBe(
      'The body is too long: articles are at most 100,000 characters.',
    );
    expect(tooLargeMessage('/api/articles')).toContain('100,000 characters');
    expect(tooLargeMessage('/api/articles/abc/comments')).toBe(
      'Comments are at most 5,000 characters.',
    );
    expect(tooLargeMessage('/api/articles/abc/comments/def')).toBe(
      'Comments are at most 5,000 characters.',
    );
    expect(tooLargeMessage('/api/profile')).toContain('500 characters');
    expect(tooLargeMessage('/api/articles/abc/cover')).toBe('Images can be at most 5 MB.');
    expect(tooLargeMessage('/api/sessions')).toBe(
      'That is more than we can accept at once: requests are at most 64 KB.',
    );
  });

  it("Next's proxy buffers no more than the largest route limit", () => {
    const config = createRequire(import.meta.url)('../../next.config.js') as {
      experimental: { proxyClientMaxBodySize: number };
    };
    expect(config.experimental.proxyClientMaxBodySize).toBe(MAX_ANY_BODY_BYTES);
  });
});
