/**
 * Password rules and hashing.
 *
 * - Any Unicode, 8 to 256 characters (code points) after NFKC normalization, as NIST SP
 *   800-63B advises, so the same password typed on two keyboards hashes the same.
 * - Refused when it is a well-known password: the 49k-entry list of the zxcvbn-ts project
 *   (@zxcvbn-ts/language-common, "passwords-common", built from leaked-password corpora).
 * - argon2id (OWASP's first choice) through @node-rs/argon2, which hashes on libuv's thread
 *   pool, never on the event loop. At most `concurrency` hashes run at once and a bounded
 *   queue waits behind them: a flood of sign-ins is answered 503 instead of starving other
 *   requests of threads and memory.
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../http/errors.js';
import { randomToken } from './tokens.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common']);
  return common;
}

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...normalizePassword(password)].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = normalizePassword(password).toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most common passwords; choose another';
  if (email && lower === email.trim().toLowerCase()) return 'must not be your email address';
  return null;
}

/** Throws a 400 validation problem naming `field` when the password is not acceptable. */
export function assertAcceptablePassword(password: string, field: string, email?: string): void {
  const message = passwordProblem(password, email);
  if (message) {
    throw new AppError('validation_failed', 'The password is not acceptable.', {
      errors: [{ field, message: `The password ${message}.` }],
    });
  }
}

export interface HashingOptions {
  memoryKib: number;
  iterations: number;
  concurrency: number;
  /** How many may wait for a slot before new ones are refused. */
  maxQueue?: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant work whether or not there is a stored hash (no account-existence timing leak). */
  verify(stored: string | null, password: string): Promise<boolean>;
  readonly parameters: { memoryKib: number; iterations: number; parallelism: number };
}

export function createPasswordHasher(options: HashingOptions): PasswordHasher {
  const parameters = {
    memoryKib: options.memoryKib,
    iterations: options.iterations,
    parallelism: 1,
  };
  const argonOptions = {
    algorithm: 2, // Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import)
    memoryCost: parameters.memoryKib,
    timeCost: parameters.iterations,
    parallelism: parameters.parallelism,
  };
  const maxQueue = options.maxQueue ?? options.concurrency * 32;
  let running = 0;
  const waiting: (() => void)[] = [];

  async function limited<T>(work: () => Promise<T>): Promise<T> {
    if (running >= options.concurrency) {
      if (waiting.length >= maxQueue) {
        throw new AppError(
          'service_unavailable',
          'The server is busy checking passwords; try again in a moment.',
          {},
          { 'retry-after': '2' },
        );
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  // A hash of a random password: verifying against it costs what a real check costs.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hash(randomToken(), argonOptions));

  return {
    parameters,
    hash: (password) => limited(() => hash(normalizePassword(password), argonOptions)),
    verify: (stored, password) =>
      limited(async () => {
        const target = stored ?? (await decoyHash());
        try {
          const ok = await verify(target, normalizePassword(password));
          return stored !== null && ok;
        } catch {
          return false; // a malformed stored hash never signs anyone in
        }
      }),
  };
}
