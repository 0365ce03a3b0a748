/**
 * Bootstrapping administrators from the CLI (`waymark admin create`): creates a verified admin
 * account, or promotes the existing account with that email. The password is set only for a
 * new account.
 */
import { AppError } from '../../http/errors.js';
import type { AuditSink } from '../audit/audit.service.js';
import { assertAcceptablePassword, type PasswordHasher } from '../auth/passwords.js';
import type { AccountsRepository } from './accounts.repository.js';
import { toUserView, type UserView, type UserViews } from './user-views.service.js';

export interface AdminDeps {
  repository: AccountsRepository;
  hasher: PasswordHasher;
  audit: AuditSink;
  userViews: UserViews;
  now?: () => number;
}

export function createAdminService(deps: AdminDeps) {
  const { repository, hasher, audit, userViews } = deps;
  const now = deps.now ?? Date.now;
  return {
    async createAdmin(input: {
      email: string;
      password: string;
      displayName?: string;
    }): Promise<{ user: UserView; created: boolean }> {
      const email = input.email.trim();
      const existing = await repository.userByEmail(email);
      if (existing) {
        await repository.updateUser(existing.id, {
          role: 'admin',
          emailVerifiedAt: existing.emailVerifiedAt ?? new Date(now()),
        });
        userViews.forget(existing.id);
        await audit.record({ type: 'admin.created', userId: existing.id, details: { via: 'cli' } });
        return { user: toUserView({ ...existing, role: 'admin' }), created: false };
      }
      assertAcceptablePassword(input.password, 'password', email);
      const user = await repository.insertUser({
        email,
        displayName: input.displayName?.trim() || email.split('@')[0]!,
        passwordHash: await hasher.hash(input.password),
        role: 'admin',
        emailVerifiedAt: new Date(now()),
      });
      if (!user) throw new AppError('conflict', `${email} was registered at the same moment.`);
      await audit.record({ type: 'admin.created', userId: user.id, details: { via: 'cli' } });
      return { user: toUserView(user), created: true };
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
