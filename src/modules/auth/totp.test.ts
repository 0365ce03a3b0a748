import { Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateTotpSecret, totpCodeAt, totpStepAt, totpUri, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_SHA1_VECTORS: [unixSeconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const secret = RFC_SECRET;
// The start of a step, so ± whole steps land in neighbouring steps.
const now = 1_700_000_010_000;
const step = totpStepAt(now);
const at = (steps: number) => now + steps * 30_000;

describe('totpCodeAt', () => {
  it('matches the RFC 6238 SHA-1 vectors, truncated to 6 digits', () => {
    expect(Secret.fromLatin1('12345678901234567890').base32).toBe(RFC_SECRET);
    for (const [seconds, eightDigits] of RFC_SHA1_VECTORS) {
      expect(totpCodeAt(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(-6));
    }
  });

  it('is the same throughout a 30-second step', () => {
    const start = totpStepAt(now) * 30_000;
    expect(totpCodeAt(secret, start + 29_999)).toBe(totpCodeAt(secret, start));
    expect(totpStepAt(start + 30_000)).toBe(totpStepAt(start) + 1);
  });
});

describe('generateTotpSecret', () => {
  it('is 20 random bytes in base32', () => {
    const generated = generateTotpSecret();
    expect(generated).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(generated).bytes).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(generated);
  });
});

describe('totpUri', () => {
  it('describes a SHA-1, 6-digit, 30-second TOTP for the account and issuer', () => {
    const uri = totpUri({ secret, accountName: 'ada@example.com' });
    expect(uri.startsWith('otpauth://totp/Waymark:ada%40example.com?')).toBe(true);
    const parsed = URI.parse(uri);
    expect(parsed).toMatchObject({
      issuer: 'Waymark',
      label: 'ada@example.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(secret);
  });

  it('takes another issuer', () => {
    expect(URI.parse(totpUri({ secret, accountName: 'ada', issuer: 'Acme' })).issuer).toBe('Acme');
  });
});

describe('verifyTotp', () => {
  const verify = (code: string, lastUsedStep: number | null = null) =>
    verifyTotp({ secret, code, lastUsedStep, now });

  it('accepts the current code and reports its step', () => {
    expect(verify(totpCodeAt(secret, now))).toEqual({ ok: true, step });
  });

  it('accepts the codes one step before and after', () => {
    expect(verify(totpCodeAt(secret, at(-1)))).toEqual({ ok: true, step: step - 1 });
    expect(verify(totpCodeAt(secret, at(1)))).toEqual({ ok: true, step: step + 1 });
  });

  it('rejects codes two steps away', () => {
    expect(verify(totpCodeAt(secret, at(-2)))).toEqual({ ok: false });
    expect(verify(totpCodeAt(secret, at(2)))).toEqual({ ok: false });
  });

  it('rejects a wrong code and a code for another secret', () => {
    const code = totpCodeAt(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verify(wrong)).toEqual({ ok: false });
    expect(verify(totpCodeAt(generateTotpSecret(), now))).toEqual({ ok: false });
  });

  it('when a code has been used, then the same code is refused', () => {
    const code = totpCodeAt(secret, now);
    const first = verify(code);
    expect(first).toEqual({ ok: true, step });
    expect(verify(code, step)).toEqual({ ok: false });
  });

  it('when a newer code has been used, then an older one is refused', () => {
    expect(verify(totpCodeAt(secret, at(1)))).toEqual({ ok: true, step: step + 1 });
    expect(verify(totpCodeAt(secret, now), step + 1)).toEqual({ ok: false });
    expect(verify(totpCodeAt(secret, at(-1)), step + 1)).toEqual({ ok: false });
  });

  it('when an older code has been used, then a newer one still works', () => {
    expect(verify(totpCodeAt(secret, now), step - 1)).toEqual({ ok: true, step });
    expect(verify(totpCodeAt(secret, at(1)), step)).toEqual({ ok: true, step: step + 1 });
  });

  it('ignores spaces in the code', () => {
    const code = totpCodeAt(secret, now);
    expect(verify(` ${code.slice(0, 3)} ${code.slice(3)} `)).toEqual({ ok: true, step });
  });

  it('rejects anything that is not exactly six digits', () => {
    const code = totpCodeAt(secret, now);
    for (const input of [
      '',
      code.slice(0, 5),
      `${code}0`,
      `0${code}`,
      'abcdef',
      `${code.slice(0, 5)}a`,
      `${code.slice(0, 3)}-${code.slice(3)}`,
      '１２３４５６', // full-width digits
      '+12345',
    ]) {
      expect(verify(input), JSON.stringify(input)).toEqual({ ok: false });
    }
  });

  it('uses the current time by default', () => {
    const code = totpCodeAt(secret, Date.now());
    expect(verifyTotp({ secret, code, lastUsedStep: null }).ok).toBe(true);
  });
});
