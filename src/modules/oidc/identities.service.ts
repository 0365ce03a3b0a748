/**
 * The external identities linked to one's own account: listing them and unlinking one.
 * Works whether or not a provider is configured now (links made earlier stay visible).
 */
import { AppError } from '../../http/errors.js';
import type { ClientInfo } from '../accounts/sessions.service.js';
import type { AuditSink } from '../audit/audit.service.js';
import type { OidcRepository } from './oidc.repository.js';

export interface IdentityView {
  id: string;
  issuer: string;
  email: string | null;
  createdAt: string;
}

export function createIdentitiesService(repository: OidcRepository, audit: AuditSink) {
  return {
    async list(userId: string): Promise<IdentityView[]> {
      const rows = await repository.identitiesOf(userId);
      return rows.map((row) => ({
        id: row.id,
        issuer: row.issuer,
        email: row.email,
        createdAt: row.createdAt.toISOString(),
      }));
    },

    /** Unlinks one; refused when it is the account's last way to sign in. */
    async unlink(userId: string, identityId: string, client: ClientInfo): Promise<void> {
      const result = await repository.unlinkIdentity(userId, identityId);
      if (result === 'not_found') throw new AppError('not_found', 'There is no such identity.');
      if (result === 'last_way_in') {
        throw new AppError(
          'conflict',
          'This is the only way to sign in to this account. Set a password first ' +
            '(“Forgot password” mails a link), then unlink it.',
        );
      }
      await audit.record({
        type: 'identity.unlinked',
        userId,
        ...client,
        details: { identityId },
      });
    },
  };
}
export type IdentitiesService = ReturnType<typeof createIdentitiesService>;
