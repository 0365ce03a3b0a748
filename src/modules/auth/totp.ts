/**
 * Time-based one-time passwords (RFC 6238) for the authenticator-app second factor: SHA-1,
 * 6 digits, 30-second steps, which is what every common authenticator app assumes when it
 * scans an otpauth:// URI. Codes are checked against the current step and one step either
 * side, to allow for clock drift and for a code typed just as it rolled over.
 */
import { HOTP, Secret, TOTP } from 'otpauth';
import { safeEqual } from './tokens.js';

const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one. */
const WINDOW = 1;
/** RFC 4226 section 4 asks for at least 128 bits and recommends 160. */
const SECRET_BYTES = 20;

const CODE_PATTERN = /^\d{6}$/;

/** A new shared secret, base32-encoded as authenticator apps expect it. */
export function generateTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// key URI that an authenticator app scans to enrol `secret`. */
export function totpUri({
  secret,
  accountName,
  issuer = 'Waymark',
}: {
  secret: string;
  accountName: string;
  issuer?: string;
}): string {
  return new TOTP({
    issuer,
    label: accountName,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  }).toString();
}

/** The RFC 6238 time step (T) that contains `timeMs`. */
export function totpStepAt(timeMs: number): number {
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: timeMs });
}

/** The code an authenticator app shows at `timeMs`. */
export function totpCodeAt(secret: string, timeMs: number): string {
  return codeForStep(Secret.fromBase32(secret), totpStepAt(timeMs));
}

function codeForStep(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: ALGORITHM, digits: DIGITS, counter: step });
}

export type TotpVerification = { ok: true; step: number } | { ok: false };

/**
 * Checks a code typed by the user. On success, `step` is the time step the code belongs to;
 * the caller must store it as the new `lastUsedStep` (null before the first use). Any step at
 * or before `lastUsedStep` is refused, so a code works once, and an older code seen on the
 * wire or over a shoulder cannot be used after a newer one.
 */
export function verifyTotp({
  secret,
  code,
  lastUsedStep,
  now = Date.now(),
}: {
  secret: string;
  code: string;
  lastUsedStep: number | null;
  now?: number;
}): TotpVerification {
  const candidate = code.replace(/\s+/g, '');
  if (!CODE_PATTERN.test(candidate)) return { ok: false };

  const key = Secret.fromBase32(secret);
  const current = totpStepAt(now);
  let matched: number | null = null;
  // Every step in the window is checked, whichever matches, so the time taken does not say
  // which one did. If two steps share a code, the latest wins: that burns more steps, never fewer.
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (safeEqual(codeForStep(key, step), candidate)) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}
