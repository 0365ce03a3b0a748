import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr.js';

const uri =
  'otpauth://totp/Waymark:ada%40example.com?issuer=Waymark&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30';

/** The attributes of the root element, read from its start tag. */
function rootAttributes(svg: string): Record<string, string> {
  const startTag = /^<svg((?:\s+[a-zA-Z:-]+="[^"<>]*")*)\s*>/.exec(svg);
  if (!startTag) throw new Error(`not an <svg> start tag: ${svg.slice(0, 80)}`);
  return Object.fromEntries(
    [...(startTag[1] ?? '').matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map((m): [string, string] => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );
}

/**
 * True when the markup is nothing but tags, with one root element and every element closed in
 * order. Enough for qrcode's output, which has no text, comments or entities.
 */
function isBalanced(markup: string): boolean {
  const tags = [
    ...markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)(?:\s+[a-zA-Z:-]+="[^"<>]*")*\s*(\/?)>/g),
  ];
  if (tags.map(([tag]) => tag).join('') !== markup) return false;
  const open: string[] = [];
  for (const [index, [, closing, name = '', selfClosing]] of tags.entries()) {
    if (index > 0 && open.length === 0) return false;
    if (closing) {
      if (open.pop() !== name) return false;
    } else if (!selfClosing) {
      open.push(name);
    }
  }
  return open.length === 0;
}

describe('the well-formedness check', () => {
  it('rejects unclosed, misnested and surrounded markup', () => {
    expect(isBalanced('<svg a="1"><path d="M0 0"/></svg>')).toBe(true);
    expect(isBalanced('<svg><g></svg>')).toBe(false);
    expect(isBalanced('<svg><g><path/></svg></g>')).toBe(false);
    expect(isBalanced('<svg></svg><svg></svg>')).toBe(false);
    expect(isBalanced('<svg>text</svg>')).toBe(false);
    expect(isBalanced('<svg><path d="<"/></svg>')).toBe(false);
  });
});

describe('qrSvg', () => {
  it('is a well-formed svg element with nothing around it', async () => {
    const svg = await qrSvg(uri);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(isBalanced(svg)).toBe(true);
  });

  it('labels the root as an image for assistive technology', async () => {
    const attributes = rootAttributes(await qrSvg(uri));
    expect(attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      'aria-label': 'QR code for setting up your authenticator app',
    });
    expect(attributes.viewBox).toMatch(/^0 0 \d+ \d+$/);
  });

  it('contains no scripts, event handlers or links, even for hostile text', async () => {
    const svg = await qrSvg('"><script>alert(1)</script><svg onload="alert(1)">');
    expect(svg).not.toMatch(/<script|\son\w+=|href|javascript:/i);
    expect(svg).not.toContain('alert');
    expect(isBalanced(svg)).toBe(true);
  });

  it('does not copy the encoded text, and so not the secret, into the markup', async () => {
    expect(await qrSvg(uri)).not.toContain('GEZDGNBV');
  });

  it('draws different codes for different text', async () => {
    expect(await qrSvg(uri)).not.toBe(await qrSvg(`${uri}x`));
  });
});
