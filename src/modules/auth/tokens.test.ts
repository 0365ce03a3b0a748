import { describe, expect, it } from 'vitest';
import { hashToken, randomToken, safeEqual } from './tokens.js';

describe('randomToken', () => {
  it('is 32 random bytes in base64url by default', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('starts with the prefix when one is given', () => {
    const token = randomToken('wm_pat_');
    expect(token.startsWith('wm_pat_')).toBe(true);
    expect(token.slice('wm_pat_'.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('honours the byte count', () => {
    expect(Buffer.from(randomToken('', 48), 'base64url')).toHaveLength(48);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
  });

  it('refuses fewer than 16 bytes or a fractional count', () => {
    expect(() => randomToken('', 15)).toThrow(RangeError);
    expect(() => randomToken('', 16.5)).toThrow(RangeError);
    expect(() => randomToken('', 16)).not.toThrow();
  });
});

describe('hashToken', () => {
  it('is the SHA-256 of the token in lower-case hex', () => {
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is stable for a token and differs between tokens', () => {
    const token = randomToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(randomToken()));
  });
});

describe('safeEqual', () => {
  it('is true only for identical strings', () => {
    expect(safeEqual('wm_pat_abc', 'wm_pat_abc')).toBe(true);
    expect(safeEqual('wm_pat_abc', 'wm_pat_abd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('is false, without throwing, when the lengths differ', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    // Same number of characters, different number of UTF-8 bytes.
    expect(safeEqual('é', 'e')).toBe(false);
  });
});
