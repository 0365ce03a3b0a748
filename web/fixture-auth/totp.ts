/**
 * Two-factor codes: TOTP (RFC 6238, SHA-1, 6 digits, 30 s) and one-use recovery codes. Real
 * codes, so the browser tests can compute them from the secret the enrolment shows.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { User } from './store.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function base32(bytes: Buffer): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((c) => B32[parseInt(c.padEnd(5, '0'), 2)]).join('');
}
function unbase32(text: string): Buffer {
  const bits = [...text.replace(/=+$/, '').toUpperCase()]
    .map((c) => B32.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}
function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', unbase32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
/** Accepts the current step ±1, each step once. */
export function checkTotp(user: User, secret: string, code: string): boolean {
  const now = Math.floor(Date.now() / 30_000);
  for (const step of [now - 1, now, now + 1]) {
    if (step > user.lastTotpStep && totp(secret, step) === code) {
      user.lastTotpStep = step;
      return true;
    }
  }
  return false;
}
/** A TOTP code or an unused recovery code (used up here); always true without two-factor. */
export function checkSecondFactor(user: User, code: string): boolean {
  if (!user.mfaSecret) return true;
  if (/^\d{6}$/.test(code)) return checkTotp(user, user.mfaSecret, code);
  const i = user.recoveryCodes.indexOf(code.toLowerCase());
  if (i === -1) return false;
  user.recoveryCodes.splice(i, 1);
  return true;
}
export const recoveryCodes = (): string[] =>
  Array.from({ length: 10 }, () => {
    const s = randomBytes(8).toString('hex').slice(0, 10);
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
