/**
 * Single-use recovery codes: the way back into an account when the authenticator app is lost.
 * Shown once as `xxxxx-xxxxx`, stored only as hashes, and accepted however the user retypes
 * them (any case, with or without the dash or spaces).
 */
import { randomInt } from 'node:crypto';
import { hashToken } from './tokens.js';

/** Lower-case letters and digits without 0/o, 1/l/i, which are easy to misread or mistype. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 10;
const GROUP_LENGTH = 5;

const NORMALIZED_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** `count` distinct codes, each 10 characters from a 31-symbol alphabet (about 49.5 bits). */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError('The number of recovery codes must be a positive whole number');
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes].map((code) => `${code.slice(0, GROUP_LENGTH)}-${code.slice(GROUP_LENGTH)}`);
}

function randomCode(): string {
  let code = '';
  // randomInt draws without modulo bias, which matters as 31 is not a power of two.
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The canonical form of a typed code, or null if it cannot be one of ours. */
export function normalizeRecoveryCode(input: string): string | null {
  const normalized = input.toLowerCase().replace(/[\s-]+/g, '');
  return NORMALIZED_PATTERN.test(normalized) ? normalized : null;
}

/**
 * The stored form of a normalized code. A fast, unsalted SHA-256 is deliberate: a slow
 * password hash protects low-entropy secrets from offline guessing, but these codes are
 * random with about 50 bits each, so a stolen hash cannot be reversed by guessing in any
 * useful time; and each code is spent on first use, so a leak exposes at most the unused
 * ones, which the user can replace. Unsalted also lets sign-in find a code with one lookup.
 */
export function hashRecoveryCode(normalized: string): string {
  return hashToken(normalized);
}
