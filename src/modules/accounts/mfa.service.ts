/**
 * Two-factor authentication: TOTP (RFC 6238) enrolled by scanning a QR code, plus ten
 * single-use recovery codes. A TOTP code is accepted once: the step it belongs to is stored
 * and any code at or before it is refused.
 */
import { AppError } from '../../http/errors.js';
import type { Mailer } from '../../mail/mailer.js';
import * as templates from '../../mail/templates.js';
import type { AuditSink } from '../audit/audit.service.js';
import { qrSvg } from '../auth/qr.js';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from '../auth/recovery-codes.js';
import { generateTotpSecret, totpUri, verifyTotp } from '../auth/totp.js';
import type { AccountsRepository, UserRow } from './accounts.repository.js';
import type { ClientInfo } from './sessions.service.js';
import type { UserViews } from './user-views.service.js';

export function createMfaService(
  repository: AccountsRepository,
  audit: AuditSink,
  mailer: Mailer,
  userViews: UserViews,
  now: () => number = Date.now,
) {
  const notify = (to: string, enabled: boolean) =>
    void mailer.send(templates.mfaChanged({ to, enabled })).catch(() => undefined);

  async function newRecoveryCodes(userId: string): Promise<string[]> {
    const codes = generateRecoveryCodes(10);
    await repository.replaceRecoveryCodes(
      userId,
      codes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!)),
    );
    return codes;
  }

  return {
    /**
     * Checks a TOTP code or a recovery code for a user with MFA on; returns which it was, or
     * null. Either is used up by a successful check.
     */
    async verifyCode(user: UserRow, code: string): Promise<'totp' | 'recovery_code' | null> {
      if (!user.totpSecret || !user.totpEnabledAt) return null;
      const result = verifyTotp({
        secret: user.totpSecret,
        code,
        lastUsedStep: user.totpLastStep,
        now: now(),
      });
      if (result.ok) return (await repository.acceptTotpStep(user.id, result.step)) ? 'totp' : null;
      const recovery = normalizeRecoveryCode(code);
      if (recovery && (await repository.useRecoveryCode(user.id, hashRecoveryCode(recovery)))) {
        await audit.record({
          type: 'mfa.recovery_code_used',
          userId: user.id,
          details: { remaining: await repository.unusedRecoveryCodes(user.id) },
        });
        return 'recovery_code';
      }
      return null;
    },

    /** Starts enrolment: a new secret, pending until a code from it is confirmed. */
    async startEnrolment(user: UserRow) {
      if (user.totpEnabledAt) {
        throw new AppError(
          'conflict',
          'Two-factor authentication is already on; turn it off first.',
        );
      }
      const secret = generateTotpSecret();
      await repository.updateUser(user.id, { totpSecret: secret, totpLastStep: null });
      const otpauthUri = totpUri({ secret, accountName: user.email });
      return { secret, otpauthUri, qrSvg: await qrSvg(otpauthUri) };
    },

    async confirmEnrolment(user: UserRow, code: string, client: ClientInfo) {
      if (user.totpEnabledAt) {
        throw new AppError('conflict', 'Two-factor authentication is already on.');
      }
      if (!user.totpSecret) {
        throw new AppError('conflict', 'Start setting up two-factor authentication first.');
      }
      const result = verifyTotp({ secret: user.totpSecret, code, lastUsedStep: null, now: now() });
      if (!result.ok) {
        throw new AppError('validation_failed', 'That code is not right.', {
          errors: [{ field: 'code', message: 'The code does not match; check your app’s clock.' }],
        });
      }
      await repository.updateUser(user.id, {
        totpEnabledAt: new Date(now()),
        totpLastStep: result.step,
      });
      userViews.forget(user.id);
      const recoveryCodes = await newRecoveryCodes(user.id);
      await audit.record({ type: 'mfa.enabled', userId: user.id, ...client });
      notify(user.email, true);
      return { recoveryCodes };
    },

    async disable(user: UserRow, client: ClientInfo): Promise<void> {
      if (!user.totpEnabledAt && !user.totpSecret) return;
      await repository.updateUser(user.id, {
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      });
      userViews.forget(user.id);
      await repository.replaceRecoveryCodes(user.id, []);
      await audit.record({ type: 'mfa.disabled', userId: user.id, ...client });
      notify(user.email, false);
    },

    async regenerateRecoveryCodes(user: UserRow, client: ClientInfo) {
      if (!user.totpEnabledAt) {
        throw new AppError('conflict', 'Turn on two-factor authentication first.');
      }
      const recoveryCodes = await newRecoveryCodes(user.id);
      await audit.record({ type: 'mfa.recovery_codes_regenerated', userId: user.id, ...client });
      return { recoveryCodes };
    },
  };
}
export type MfaService = ReturnType<typeof createMfaService>;
