import { describe, expect, it } from 'vitest';
import { MAX_REDIRECT_LENGTH, safeRedirectPath } from './safe-redirect';

/**
 * Known open-redirect payloads (from the OWASP cheat sheet, PortSwigger's and PayloadsAllTheThings'
 * lists, and the ones found against this site). None may leave the site.
 */
const PAYLOADS: string[] = [
  // Control characters a browser drops (the reported one first).
  '/\t/evil.example',
  '/%09/evil.example',
  decodeURIComponent('%2F%09%2Fevil.example'),
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/\u0000/evil.example',
  '/%0a/evil.example',
  '/%0d/evil.example',
  '/\t\\evil.example',
  // Protocol-relative and slash tricks.
  '//evil.example',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/\\\\evil.example',
  '//\\evil.example',
  '\\/\\/evil.example',
  '/%2f%2fevil.example',
  '/%2F%2Fevil.example',
  '%2f%2fevil.example',
  '/%5cevil.example',
  '/%5c%5cevil.example',
  '/./evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/../..//evil.example',
  '/%2e%2e//evil.example',
  '/a/..//evil.example',
  // Userinfo.
  '//inkwell.invalid@evil.example',
  'https://inkwell.invalid@evil.example/',
  '/@evil.example',
  '//user:pass@evil.example',
  // Schemes.
  'https://evil.example',
  'http://evil.example',
  'HtTpS://evil.example',
  'https:evil.example',
  'https:/evil.example',
  'http:evil.example',
  'http:\\\\evil.example',
  'ftp://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'javascript://%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  // IDN and look-alike hosts.
  '//evil.exämple',
  '//xn--evil-9na.example',
  '//ⓔⓥⓘⓛ.example',
  '//evil。example',
  // Unicode slashes (U+2215, U+FF0F) and full-width backslash.
  '/\u2215evil.example',
  '\u2215\u2215evil.example',
  '/\uFF0Fevil.example',
  '\uFF0F\uFF0Fevil.example',
  '/\uFF3Cevil.example',
  // Leading whitespace.
  ' //evil.example',
  '  https://evil.example',
  '\u000c//evil.example',
  '\u00a0//evil.example',
  '\u3000//evil.example',
  // Very long values.
  `/${'a'.repeat(5000)}`,
  `//${'a'.repeat(5000)}.evil.example`,
  `/${'%2e'.repeat(1000)}//evil.example`,
];

const SITES = ['https://inkwell.invalid', 'http://127.0.0.1:3400', 'https://inkwell.example'];

/** A same-site path: whatever origin the site runs on, following it stays there. */
function expectSameSitePath(result: string): void {
  expect(result.startsWith('/')).toBe(true);
  expect(result.startsWith('//')).toBe(false);
  expect(result).not.toMatch(/^\/\\|[\t\n\r]/);
  for (const site of SITES) {
    const followed = new URL(result, site);
    expect(followed.origin).toBe(new URL(site).origin);
    expect(followed.username + followed.password).toBe('');
  }
}

describe('safeRedirectPath', () => {
  it(`refuses every one of ${PAYLOADS.length} known open-redirect payloads`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAYLOADS.map((payload) => [JSON.stringify(payload).slice(0, 80), payload]))(
    'keeps %s on this site',
    (_name, payload) => {
      const result = safeRedirectPath(payload);
      expectSameSitePath(result);
      // Also through Auth.js's callback, which passes the site's real origin.
      for (const site of SITES) expectSameSitePath(safeRedirectPath(payload, '/', site));
    },
  );

  it('sends the reported payload home', () => {
    expect(safeRedirectPath('/\t/evil.example')).toBe('/');
    expect(safeRedirectPath('//evil.example')).toBe('/');
    expect(safeRedirectPath('/\\evil.example')).toBe('/');
    expect(safeRedirectPath('javascript:alert(1)')).toBe('/');
  });

  it('keeps paths on this site, with their query and fragment, normalised', () => {
    expect(safeRedirectPath('/settings')).toBe('/settings');
    expect(safeRedirectPath('/u/ada?tab=articles#top')).toBe('/u/ada?tab=articles#top');
    expect(safeRedirectPath('/a/../settings')).toBe('/settings');
    expect(safeRedirectPath('/%2f%2fevil.example')).toBe('/%2f%2fevil.example');
    expect(safeRedirectPath('/u/zoë')).toBe('/u/zo%C3%AB');
  });

  it('accepts an absolute URL only on the origin it is given', () => {
    expect(safeRedirectPath('http://127.0.0.1:3400/settings', '/', 'http://127.0.0.1:3400')).toBe(
      '/settings',
    );
    expect(safeRedirectPath('http://127.0.0.1:3401/settings', '/', 'http://127.0.0.1:3400')).toBe(
      '/',
    );
    expect(safeRedirectPath('https://inkwell.invalid/settings')).toBe('/settings');
  });

  it('falls back for anything not a string, empty, or too long', () => {
    for (const value of [undefined, null, 42, ['/a'], { href: '/a' }, ''])
      expect(safeRedirectPath(value, '/home')).toBe('/home');
    expect(safeRedirectPath(`/${'a'.repeat(MAX_REDIRECT_LENGTH)}`, '/home')).toBe('/home');
  });
});
