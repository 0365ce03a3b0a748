import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.js';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    for (const path of ['/', '/settings', '/roadmaps/frontend?topic=css#notes', '/a//b']) {
      expect(safeReturnTo(path)).toBe(path);
    }
  });

  it('replaces anything that could leave the site with /', () => {
    for (const value of [
      undefined,
      '',
      'settings',
      'https://evil.example/',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      `/${'x'.repeat(2048)}`,
    ]) {
      expect(safeReturnTo(value), JSON.stringify(value)).toBe('/');
    }
  });
});
