/**
 * Random bearer secrets and how they are stored: session ids, email tokens, personal access
 * tokens and refresh tokens are all random strings that the server keeps only as a SHA-256
 * hash, so a leaked database row cannot be replayed as a credential.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Below 128 bits a token could be guessed online; refuse rather than hand out a weak one. */
const MIN_TOKEN_BYTES = 16;

/**
 * A URL-safe random token: `bytes` bytes from the OS CSPRNG, base64url-encoded, after an
 * optional prefix (`wm_pat_`) that lets people and secret scanners recognise what it is.
 */
export function randomToken(prefix = '', bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES) {
    throw new RangeError(`A token needs a whole number of bytes, at least ${MIN_TOKEN_BYTES}`);
  }
  return prefix + randomBytes(bytes).toString('base64url');
}

/**
 * The stored form of a token. A fast hash is enough: tokens carry at least 128 bits of
 * entropy, so there is nothing to brute-force, unlike a password.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares two secrets in time that does not depend on where they differ. Only the length can
 * leak, which is public for every value compared here (hashes, fixed-size codes and tokens).
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
