import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-codes.js';

const FORMAT = /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/;

describe('generateRecoveryCodes', () => {
  it('makes ten codes formatted xxxxx-xxxxx by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(FORMAT);
  });

  it('never uses characters that are easy to confuse', () => {
    const characters = generateRecoveryCodes(200).join('').replaceAll('-', '');
    expect(characters).not.toMatch(/[01oilOIL]/);
  });

  it('makes codes that are unique within a set, and differ between sets', () => {
    const codes = generateRecoveryCodes(500);
    expect(new Set(codes).size).toBe(500);
    expect(generateRecoveryCodes()).not.toEqual(generateRecoveryCodes());
  });

  it('honours the count and refuses a nonsensical one', () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    expect(() => generateRecoveryCodes(0)).toThrow(RangeError);
    expect(() => generateRecoveryCodes(2.5)).toThrow(RangeError);
  });

  it('makes codes that normalize to themselves without the dash', () => {
    for (const code of generateRecoveryCodes()) {
      expect(normalizeRecoveryCode(code)).toBe(code.replace('-', ''));
    }
  });
});

describe('normalizeRecoveryCode', () => {
  it('accepts any case, with or without the dash and spaces', () => {
    for (const input of [
      'abcde-fghjk',
      'ABCDE-FGHJK',
      'abcdefghjk',
      ' abcde fghjk ',
      'ab-cde-fg hjk',
    ]) {
      expect(normalizeRecoveryCode(input), input).toBe('abcdefghjk');
    }
  });

  it('returns null for the wrong length', () => {
    expect(normalizeRecoveryCode('')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghj')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghjkm')).toBeNull();
  });

  it('returns null for characters outside the alphabet', () => {
    for (const input of [
      'abcde-fghj0',
      'abcde-fghjo',
      'abcde-fghj1',
      'abcde-fghjl',
      'abcde-fghjI',
      'abcde_fghjk',
      'abcde-fghj!',
      'abcde-fghjé',
    ]) {
      expect(normalizeRecoveryCode(input), input).toBeNull();
    }
  });

  it('does not accept a six-digit TOTP code', () => {
    expect(normalizeRecoveryCode('123456')).toBeNull();
  });
});

describe('hashRecoveryCode', () => {
  it('is the SHA-256 hex of the normalized code', () => {
    expect(hashRecoveryCode('abcdefghjk')).toBe(
      createHash('sha256').update('abcdefghjk').digest('hex'),
    );
    expect(hashRecoveryCode('abcdefghjk')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash however the code was typed', () => {
    const typed = ['ABCDE-FGHJK', 'abcde fghjk'].map((input) =>
      hashRecoveryCode(normalizeRecoveryCode(input) ?? ''),
    );
    expect(typed[0]).toBe(hashRecoveryCode('abcdefghjk'));
    expect(typed[1]).toBe(typed[0]);
  });
});
