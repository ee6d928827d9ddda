import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '@/e2e/support/xss-payloads';
import { renderWithinLimits } from './pipeline';

/** Renders a comment as the render worker does (the comment profile), or fails the test. */
function commentHtml(markdown: string): string {
  const outcome = renderWithinLimits(markdown, 'comment');
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.value.html;
}

/** The only elements and attributes a rendered comment may hold (highlighting adds spans). */
const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  em: [],
  strong: [],
  del: [],
  code: ['class'],
  pre: ['tabindex'],
  a: ['href', 'rel'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  span: ['class'],
};

/** Every element and attribute of `html` outside the allowlist, and any link not over http(s). */
function disallowed(html: string): string[] {
  const found: string[] = [];
  for (const [, name = '', attributes = ''] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const allowed = ALLOWED[name.toLowerCase()];
    if (!allowed) {
      found.push(`<${name}>`);
      continue;
    }
    for (const [, attribute = '', value = ''] of attributes.matchAll(/\s([^\s=]+)="([^"]*)"/g)) {
      if (!allowed.includes(attribute)) found.push(`${name}[${attribute}]`);
      if (attribute === 'href' && !/^(https?:|mailto:|#|\/(?!\/))/i.test(value))
        found.push(`href=${value}`);
    }
  }
  return found;
}

describe('comments through the Markdown pipeline (comment profile)', () => {
  it('keeps emphasis, strong, inline code, code blocks, links, lists and quotes', () => {
    const html = commentHtml(
      '*soft* **firm** `x = 1` ~~gone~~ [docs](https://example.com/a)\n\n- one\n- two\n\n> quoted\n\n```js\nconst a = 1;\n```',
    );
    expect(html).toContain('<em>soft</em>');
    expect(html).toContain('<strong>firm</strong>');
    expect(html).toContain('<code>x = 1</code>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="https://example.com/a" rel="nofollow noopener ugc">docs</a>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<pre tabindex="0"><code class="hljs language-js">');
    expect(disallowed(html)).toEqual([]);
  });

  it('shows headings as bold text, images as their alt text, raw HTML as the text it is', () => {
    const html = commentHtml(
      '# Big news\n\n![a cat](https://example.com/cat.png) <b>raw</b>\n\n<div>block</div>',
    );
    expect(html).toContain('<p><strong>Big news</strong></p>');
    expect(html).toContain('<p>a cat &#x3C;b>raw&#x3C;/b></p>');
    expect(html).toContain('<p>&#x3C;div>block&#x3C;/div></p>');
    expect(html).not.toMatch(/<h\d|<img|<b>|<div/);
    expect(disallowed(html)).toEqual([]);
  });

  it('keeps what plain-text comments were: line breaks, and characters that look like HTML', () => {
    const html = commentHtml('First line\nsecond line\n\n1 < 2 & "quotes" > 0');
    expect(html).toBe('<p>First line<br>\nsecond line</p>\n<p>1 &#x3C; 2 &#x26; "quotes" > 0</p>');
  });

  it('has a checker that catches what it looks for', () => {
    expect(disallowed('<a href="javascript:x" onclick="y"><img src="x"></a>')).toEqual([
      'href=javascript:x',
      'a[onclick]',
      '<img>',
    ]);
  });

  it.each(XSS_PAYLOADS)('renders the XSS payload %j inert', (payload) => {
    expect(disallowed(commentHtml(payload))).toEqual([]);
    expect(disallowed(commentHtml(`Look: ${payload} **and** \`${payload}\``))).toEqual([]);
  });
});
