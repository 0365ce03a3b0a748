/**
 * Sign-up, email verification, sign-in (with the MFA step), password reset and change.
 *
 * No answer tells whether an email is registered: sign-up, "forgot password" and "resend
 * verification" answer the same either way (the owner of a registered address gets a mail
 * instead), failed sign-ins look alike, and a password is hashed or checked on every path so
 * timing does not tell either. Mail is sent after the answer, for the same reason.
 */
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { Mailer, MailMessage } from '../../mail/mailer.js';
import * as templates from '../../mail/templates.js';
import type { AuditSink } from '../audit/audit.service.js';
import { assertAcceptablePassword, type PasswordHasher } from '../auth/passwords.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import type { AccountsRepository, UserRow } from './accounts.repository.js';
import type { LoginLockout } from './login-lockout.service.js';
import type { MfaService } from './mfa.service.js';
import type { ClientInfo, SessionsService } from './sessions.service.js';
import { toUserView, type UserView, type UserViews } from './user-views.service.js';

const HOUR = 3_600_000;
export const TOKEN_LIFETIMES = {
  verify_email: 24 * HOUR,
  reset_password: HOUR / 2,
  mfa_challenge: HOUR / 12,
} as const;
/** Wrong codes an MFA challenge survives before the sign-in must start again. */
const MFA_ATTEMPTS = 5;

export interface AccountsDeps {
  repository: AccountsRepository;
  sessions: SessionsService;
  mfa: MfaService;
  userViews: UserViews;
  hasher: PasswordHasher;
  lockout: LoginLockout;
  mailer: Mailer;
  audit: AuditSink;
  publicUrl: string;
  log?: FastifyBaseLogger;
  now?: () => number;
}

export type SignInResult =
  | { status: 'signed_in'; user: UserView; sessionToken: string; csrfToken: string }
  | { status: 'mfa_required'; mfaToken: string };

const invalidCredentials = () =>
  new AppError('invalid_credentials', 'The email or password is wrong.');
const invalidToken = (what: string) =>
  new AppError(
    'invalid_token',
    `This ${what} link is invalid, used or expired; ask for a new one.`,
  );

export function createAccountsService(deps: AccountsDeps) {
  const { repository, sessions, hasher, mailer, audit, lockout } = deps;
  const now = deps.now ?? Date.now;
  const link = (path: string, token: string) =>
    `${deps.publicUrl}${path}?token=${encodeURIComponent(token)}`;

  /** Sends after the response is on its way; a mail failure is logged, never shown. */
  function sendLater(message: MailMessage): void {
    setImmediate(() => {
      mailer.send(message).catch((error: unknown) => {
        deps.log?.error({ err: error, subject: message.subject }, 'could not send mail');
      });
    });
  }

  async function issueToken(
    userId: string,
    purpose: keyof typeof TOKEN_LIFETIMES,
    tx: AccountsRepository = repository,
  ): Promise<string> {
    const token = randomToken();
    const at = now();
    if (purpose !== 'mfa_challenge') await tx.expireTokens(userId, purpose, new Date(at));
    await tx.insertToken({
      userId,
      purpose,
      tokenHash: hashToken(token),
      createdAt: new Date(at),
      expiresAt: new Date(at + TOKEN_LIFETIMES[purpose]),
    });
    return token;
  }

  async function startSession(user: UserRow, client: ClientInfo, mfa?: string, method?: string) {
    const { token, session } = await sessions.create(user.id, client);
    await audit.record({
      type: 'login.succeeded',
      userId: user.id,
      ...client,
      details: { sessionId: session.id, ...(mfa ? { mfa } : {}), ...(method ? { method } : {}) },
    });
    return {
      status: 'signed_in' as const,
      user: toUserView(user),
      sessionToken: token,
      csrfToken: session.csrfToken,
    };
  }

  /** What follows a correct first factor: the address must be verified, then MFA if on. */
  async function afterFirstFactor(
    user: UserRow,
    client: ClientInfo,
    method?: string,
  ): Promise<SignInResult> {
    if (user.emailVerifiedAt === null) {
      await sendVerification(user);
      throw new AppError(
        'email_not_verified',
        'Confirm your email address first: we have sent you a new link.',
      );
    }
    if (user.totpEnabledAt !== null) {
      return { status: 'mfa_required', mfaToken: await issueToken(user.id, 'mfa_challenge') };
    }
    return startSession(user, client, undefined, method);
  }

  async function sendVerification(user: UserRow): Promise<void> {
    const token = await issueToken(user.id, 'verify_email');
    sendLater(
      templates.verifyEmail({
        to: user.email,
        displayName: user.displayName,
        link: link('/verify-email', token),
      }),
    );
  }

  return {
    async signup(
      input: { email: string; password: string; displayName?: string },
      client: ClientInfo,
    ): Promise<void> {
      const email = input.email.trim();
      assertAcceptablePassword(input.password, 'password', email);
      // Hashed before looking the address up, so both paths cost the same.
      const passwordHash = await hasher.hash(input.password);
      const user = await repository.insertUser({
        email,
        displayName: input.displayName?.trim() || email.split('@')[0]!,
        passwordHash,
      });
      if (!user) {
        const existing = await repository.userByEmail(email);
        if (existing) {
          sendLater(
            templates.signupAttemptForExistingAccount({
              to: existing.email,
              signInLink: `${deps.publicUrl}/signin`,
              resetLink: `${deps.publicUrl}/forgot-password`,
            }),
          );
        }
        return;
      }
      await audit.record({ type: 'signup', userId: user.id, ...client });
      await sendVerification(user);
    },

    async resendVerification(emailInput: string): Promise<void> {
      const user = await repository.userByEmail(emailInput.trim());
      if (user && user.emailVerifiedAt === null) await sendVerification(user);
    },

    async verifyEmail(token: string, client: ClientInfo): Promise<void> {
      const at = new Date(now());
      const used = await repository.consumeToken('verify_email', hashToken(token), at);
      if (!used) throw invalidToken('verification');
      await repository.updateUser(used.userId, { emailVerifiedAt: at });
      deps.userViews.forget(used.userId);
      await audit.record({ type: 'email.verified', userId: used.userId, ...client });
    },

    async signIn(
      input: { email: string; password: string },
      client: ClientInfo,
    ): Promise<SignInResult> {
      const email = input.email.trim();
      await lockout.assertNotLocked(email);
      const user = await repository.userByEmail(email);
      const ok = await hasher.verify(user?.passwordHash ?? null, input.password);
      if (!user || !ok) {
        await audit.record({
          type: 'login.failed',
          userId: user?.id ?? null,
          ...client,
          details: { reason: user ? 'password' : 'unknown_email' },
        });
        await lockout.recordFailure(email, user?.id ?? null, client);
        throw invalidCredentials();
      }
      await lockout.clear(email);
      return afterFirstFactor(user, client);
    },

    /**
     * Signs in a user whom another party vouched for (`method`, e.g. an OpenID provider) in
     * place of the password. Everything after the password still applies: an unverified
     * address gets a new link and no session, and the second factor is still asked for.
     */
    signInExternal(user: UserRow, client: ClientInfo, method: string): Promise<SignInResult> {
      return afterFirstFactor(user, client, method);
    },

    async completeMfaSignIn(
      input: { mfaToken: string; code: string },
      client: ClientInfo,
    ): Promise<SignInResult> {
      const at = new Date(now());
      const challenge = await repository.liveToken('mfa_challenge', hashToken(input.mfaToken), at);
      const user = challenge && (await repository.userById(challenge.userId));
      if (!challenge || !user) {
        throw new AppError('invalid_token', 'This sign-in has expired; start again.');
      }
      await lockout.assertNotLocked(user.email);
      const method = await deps.mfa.verifyCode(user, input.code);
      if (!method) {
        const attempts = await repository.tokenAttempt(challenge.id);
        await audit.record({ type: 'login.mfa_failed', userId: user.id, ...client });
        await lockout.recordFailure(user.email, user.id, client);
        if (attempts >= MFA_ATTEMPTS) {
          await repository.consumeToken('mfa_challenge', challenge.tokenHash, at);
        }
        throw new AppError('invalid_credentials', 'That code is not right (or was already used).');
      }
      if (!(await repository.consumeToken('mfa_challenge', challenge.tokenHash, at))) {
        throw new AppError('invalid_token', 'This sign-in has expired; start again.');
      }
      await lockout.clear(user.email);
      return startSession(user, client, method);
    },

    async signOut(sessionId: string, userId: string, client: ClientInfo): Promise<void> {
      if (await repository.revokeSession(userId, sessionId)) {
        await audit.record({ type: 'logout', userId, ...client, details: { sessionId } });
      }
      sessions.evict([sessionId]);
    },

    async forgotPassword(emailInput: string, client: ClientInfo): Promise<void> {
      const user = await repository.userByEmail(emailInput.trim());
      if (!user) return;
      const token = await issueToken(user.id, 'reset_password');
      await audit.record({ type: 'password.reset_requested', userId: user.id, ...client });
      sendLater(
        templates.resetPassword({
          to: user.email,
          link: link('/reset-password', token),
          expiresInMinutes: TOKEN_LIFETIMES.reset_password / 60_000,
        }),
      );
    },

    /** Sets a new password from a mailed link; needs the second factor when MFA is on. */
    async resetPassword(
      input: { token: string; password: string; code?: string },
      client: ClientInfo,
    ): Promise<void> {
      const at = new Date(now());
      const hash = hashToken(input.token);
      const pending = await repository.liveToken('reset_password', hash, at);
      const user = pending && (await repository.userById(pending.userId));
      if (!pending || !user) throw invalidToken('password reset');
      assertAcceptablePassword(input.password, 'password', user.email);
      let method: string | null = null;
      if (user.totpEnabledAt !== null) {
        if (!input.code) {
          throw new AppError(
            'mfa_required',
            'This account uses two-factor authentication: enter a code from your app or a recovery code.',
          );
        }
        method = await deps.mfa.verifyCode(user, input.code);
        if (!method) {
          await lockout.recordFailure(user.email, user.id, client);
          throw new AppError(
            'invalid_credentials',
            'That code is not right (or was already used).',
          );
        }
      }
      const passwordHash = await hasher.hash(input.password);
      const revoked = await repository.transaction(async (tx) => {
        if (!(await tx.consumeToken('reset_password', hash, at)))
          throw invalidToken('password reset');
        // Following the mailed link proves the address too.
        await tx.updateUser(user.id, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? at });
        // An account that had never proved its address may have been opened by someone else
        // through a provider that does not check addresses: the owner's reset cuts them out.
        if (user.emailVerifiedAt === null) await tx.unlinkIdentities(user.id);
        await tx.revokeTokenFamilies(user.id, 'password_reset');
        return tx.revokeSessionsExcept(user.id, null);
      });
      sessions.evict(revoked);
      deps.userViews.forget(user.id);
      await lockout.clear(user.email);
      await audit.record({
        type: 'password.reset',
        userId: user.id,
        ...client,
        details: { sessionsRevoked: revoked.length, ...(method ? { mfa: method } : {}) },
      });
      sendLater(templates.passwordChanged({ to: user.email }));
    },

    /** Changes the password; every other session of the user ends. */
    async changePassword(
      userId: string,
      sessionId: string,
      input: { currentPassword: string; newPassword: string },
      client: ClientInfo,
    ): Promise<void> {
      const user = await repository.userById(userId);
      if (!user) throw new AppError('unauthorized', 'Sign in first.');
      await lockout.assertNotLocked(user.email);
      if (!(await hasher.verify(user.passwordHash, input.currentPassword))) {
        // Guessing the password from a stolen session counts like guessing it at sign-in.
        await audit.record({
          type: 'login.failed',
          userId,
          ...client,
          details: { reason: 'current_password' },
        });
        await lockout.recordFailure(user.email, userId, client);
        throw new AppError('validation_failed', 'The current password is wrong.', {
          errors: [{ field: 'currentPassword', message: 'The current password is wrong.' }],
        });
      }
      assertAcceptablePassword(input.newPassword, 'newPassword', user.email);
      const passwordHash = await hasher.hash(input.newPassword);
      const revoked = await repository.transaction(async (tx) => {
        await tx.updateUser(userId, { passwordHash });
        await tx.revokeTokenFamilies(userId, 'password_change');
        return tx.revokeSessionsExcept(userId, sessionId);
      });
      sessions.evict(revoked);
      await audit.record({
        type: 'password.changed',
        userId,
        ...client,
        details: { sessionsRevoked: revoked.length },
      });
      sendLater(templates.passwordChanged({ to: user.email }));
    },

    /**
     * Ends every other session of the user, e.g. after a change of authentication factor, so
     * a session opened before the change does not outlive it.
     */
    async endOtherSessions(userId: string, keepSessionId: string): Promise<number> {
      const revoked = await repository.revokeSessionsExcept(userId, keepSessionId);
      sessions.evict(revoked);
      return revoked.length;
    },

    async revokeSession(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
      if (!(await repository.revokeSession(userId, sessionId))) {
        throw new AppError('not_found', 'There is no such session.');
      }
      sessions.evict([sessionId]);
      await audit.record({ type: 'session.revoked', userId, ...client, details: { sessionId } });
    },

    async me(userId: string): Promise<UserView> {
      const view = await deps.userViews.get(userId);
      if (!view) throw new AppError('unauthorized', 'Sign in first.');
      return view;
    },

    async userRow(userId: string): Promise<UserRow> {
      const user = await repository.userById(userId);
      if (!user) throw new AppError('unauthorized', 'Sign in first.');
      return user;
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
