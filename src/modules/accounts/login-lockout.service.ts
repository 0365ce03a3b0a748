/**
 * Brute-force protection per account, in the manner of Keycloak's: after `maxFailures`
 * failed sign-ins (password or MFA code) within `windowMs`, the address is locked for the
 * rest of the window and further attempts are refused with 429 without checking anything.
 *
 * Counters are keyed by a hash of the address as typed, whether or not an account exists,
 * so a locked unknown address answers exactly like a locked real one. They live in the
 * database, shared by every instance.
 *
 * Someone trying many addresses leaves a counter for each; counters whose window and lock
 * have both run out are deleted as failures come in (at most one batch every few minutes per
 * instance), so the table grows with the addresses tried recently, not with all of them.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { AuditSink } from '../audit/audit.service.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { ClientInfo } from './sessions.service.js';

/** How often an instance deletes spent counters, and at most how many at a time. */
const PRUNE_EVERY_MS = 5 * 60_000;
const PRUNE_BATCH = 1_000;

export interface LockoutSettings {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

const keyOf = (email: string) =>
  createHash('sha256').update(`login:${email.trim().toLowerCase()}`).digest('hex');

export function createLoginLockout(
  repository: AccountsRepository,
  audit: AuditSink,
  settings: LockoutSettings,
  log?: Pick<FastifyBaseLogger, 'warn'>,
) {
  const now = settings.now ?? Date.now;
  let lastPrune = Number.NEGATIVE_INFINITY;
  async function pruneSometimes(at: Date): Promise<void> {
    if (at.getTime() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at.getTime();
    try {
      await repository.pruneFailures(new Date(at.getTime() - settings.windowMs), at, PRUNE_BATCH);
    } catch (error) {
      // Housekeeping: a failed prune must not stop the failure being counted.
      log?.warn({ err: error }, 'login lockout: could not delete spent counters');
    }
  }
  return {
    async assertNotLocked(email: string): Promise<void> {
      const row = await repository.failures(keyOf(email));
      const until = row?.lockedUntil?.getTime() ?? 0;
      if (until > now()) {
        const seconds = Math.ceil((until - now()) / 1000);
        throw new AppError(
          'too_many_requests',
          `Too many failed sign-ins for this account; try again in ${Math.ceil(seconds / 60)} minute(s) or reset your password.`,
          {},
          { 'retry-after': String(seconds) },
        );
      }
    },
    async recordFailure(email: string, userId: string | null, client: ClientInfo): Promise<void> {
      const key = keyOf(email);
      const at = new Date(now());
      await pruneSometimes(at);
      const count = await repository.addFailure(key, at, settings.windowMs);
      if (count === settings.maxFailures) {
        await repository.lockUntil(key, new Date(at.getTime() + settings.windowMs));
        await audit.record({
          type: 'login.locked',
          userId,
          ...client,
          details: { failures: count, lockedForSeconds: settings.windowMs / 1000 },
        });
      }
    },
    async clear(email: string): Promise<void> {
      await repository.clearFailures(keyOf(email));
    },
  };
}
export type LoginLockout = ReturnType<typeof createLoginLockout>;
