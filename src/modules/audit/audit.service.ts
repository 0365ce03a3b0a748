/**
 * The audit log of security events. Recording never fails the action it records: a write
 * error is logged instead, because refusing a sign-in for want of an audit row would be worse.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AuditQuery, AuditRepository } from './audit.repository.js';

export const auditEventTypes = [
  'signup',
  'email.verified',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'login.mfa_failed',
  'logout',
  'session.revoked',
  'password.changed',
  'password.reset_requested',
  'password.reset',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery_codes_regenerated',
  'mfa.recovery_code_used',
  'token.created',
  'token.revoked',
  'token.reuse_detected',
  'device.approved',
  'device.denied',
  'identity.linked',
  'identity.unlinked',
  'admin.created',
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

export interface AuditEvent {
  type: AuditEventType;
  userId?: string | null;
  /** Who acted, when not the user themself (an admin). */
  actorId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

export function createAuditService(repository: AuditRepository, log?: FastifyBaseLogger) {
  return {
    async record(event: AuditEvent): Promise<void> {
      try {
        await repository.insert({
          type: event.type,
          userId: event.userId ?? null,
          actorId: event.actorId ?? null,
          ip: event.ip ?? null,
          userAgent: event.userAgent?.slice(0, 512) ?? null,
          details: event.details ?? {},
        });
      } catch (error) {
        log?.error({ err: error, audit: event.type }, 'could not write an audit event');
      }
    },
    async list(query: AuditQuery) {
      const rows = await repository.list(query);
      return rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        type: row.type,
        userId: row.userId,
        actorId: row.actorId,
        ip: row.ip,
        userAgent: row.userAgent,
        details: row.details,
      }));
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
