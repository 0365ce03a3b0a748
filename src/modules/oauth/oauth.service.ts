/**
 * OAuth for Waymark's own CLI: the device authorization grant (RFC 8628) signs a terminal in
 * through the browser, and the token endpoint hands out short-lived JWT access tokens with
 * single-use refresh tokens.
 *
 * Each signed-in client is a token family with an absolute lifetime. Refreshing spends the
 * presented token and issues the next; presenting a spent token again means two parties hold
 * it (one of them a thief), so the whole family is revoked and the user signs in again.
 */
import { randomInt } from 'node:crypto';
import type { Scope } from '../../http/access.js';
import { AppError, notFound } from '../../http/errors.js';
import type { AccessTokens } from '../auth/access-tokens.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import type { AuditSink } from '../audit/audit.service.js';
import { findClient, parseScope, requireClient } from './oauth.clients.js';
import { oauthError } from './oauth.errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { FamilyRow, OAuthRepository } from './oauth.repository.js';
import type {
  ApproveBody,
  ClientView,
  DeviceAuthorization,
  DeviceCodeBody,
  DeviceRequest,
  TokenBody,
  TokenResponse,
} from './oauth.schemas.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEVICE_CODE_TTL_SECONDS = 600;
const POLL_INTERVAL_SECONDS = 5;
/** RFC 8628 section 3.5: a client told to slow down adds 5 seconds; so does the server. */
const SLOW_DOWN_STEP_SECONDS = 5;
const FAMILY_LIFETIME_MS = 30 * 24 * 3600_000;
/** Expired device codes are kept a while (so a late poll hears `expired_token`), then pruned. */
const EXPIRED_CODE_RETENTION_MS = 3600_000;
/** No vowels (no words spelled by accident), no look-alikes such as 0/O or 1/I. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const REFRESH_TOKEN_PREFIX = 'wm_rt_';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface OAuthServiceOptions {
  repository: OAuthRepository;
  accessTokens: Pick<AccessTokens, 'sign' | 'verify'>;
  audit: AuditSink;
  /** config.publicUrl: where the web app's /device page is. */
  publicUrl: string;
  /** Called with a token family id after it is revoked, so cached authentications drop. */
  onRevoked?: (familyId: string) => void;
  now?: () => Date;
}

function randomUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(20)];
  return code;
}

/** `bcdf ghjk`, `BCDF-GHJK` and `BCDFGHJK` are the same code; anything else is none. */
export function normalizeUserCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  const valid = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
  return valid.test(code) ? code : null;
}

const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

const unknownUserCode = () =>
  new AppError(
    'invalid_token',
    'This code is unknown, already used or expired. Run `waymark login` again for a new one.',
  );

export function createOAuthService({
  repository,
  accessTokens,
  audit,
  publicUrl,
  onRevoked = () => undefined,
  now = () => new Date(),
}: OAuthServiceOptions) {
  const clientName = (id: string) => findClient(id)?.name ?? id;

  async function issue(
    family: FamilyRow,
    refreshToken: string,
    scopes: readonly string[],
  ): Promise<TokenResponse> {
    const { token, expiresIn } = await accessTokens.sign({
      userId: family.userId,
      scopes,
      clientId: family.clientId,
      familyId: family.id,
    });
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
    };
  }

  async function exchangeDeviceCode(body: TokenBody): Promise<TokenResponse> {
    const client = requireClient(body.client_id);
    if (!body.device_code) throw oauthError('invalid_request', 'device_code is required.');
    const at = now();
    const code = await repository.findDeviceCode(hashToken(body.device_code));
    if (!code || code.clientId !== client.id) {
      throw oauthError('invalid_grant', 'The device code is unknown.');
    }
    if (code.status === 'consumed') {
      throw oauthError('invalid_grant', 'The device code has already been exchanged.');
    }
    if (code.expiresAt <= at) {
      throw oauthError('expired_token', 'The device code has expired; start signing in again.');
    }
    const tooSoon =
      code.lastPolledAt !== null &&
      at.getTime() - code.lastPolledAt.getTime() < code.intervalSeconds * 1000;
    const interval = code.intervalSeconds + (tooSoon ? SLOW_DOWN_STEP_SECONDS : 0);
    await repository.recordPoll(code.id, at, interval);
    if (tooSoon) {
      throw oauthError('slow_down', `Polling too fast: wait ${interval} seconds between requests.`);
    }
    if (code.status === 'pending') {
      throw oauthError('authorization_pending', 'The user has not approved the request yet.');
    }
    if (code.status === 'denied') {
      throw oauthError('access_denied', 'The user denied the request.');
    }
    const refreshToken = randomToken(REFRESH_TOKEN_PREFIX);
    const family = await repository.exchangeDeviceCode(
      code.id,
      { createdAt: at, lastUsedAt: at, expiresAt: new Date(at.getTime() + FAMILY_LIFETIME_MS) },
      hashToken(refreshToken),
    );
    if (!family) throw oauthError('invalid_grant', 'The device code has already been exchanged.');
    return issue(family, refreshToken, family.scopes);
  }

  async function reuseDetected(family: FamilyRow, client: ClientInfo): Promise<never> {
    const revoked = await repository.revokeFamily(family.id, 'reuse', now());
    if (revoked) {
      onRevoked(family.id);
      await audit.record({
        type: 'token.reuse_detected',
        userId: family.userId,
        ...client,
        details: { familyId: family.id, clientId: family.clientId },
      });
    }
    throw oauthError(
      'invalid_grant',
      'This refresh token was already used, so this sign-in has been revoked as a precaution. ' +
        'Sign in again.',
    );
  }

  async function refresh(body: TokenBody, client: ClientInfo): Promise<TokenResponse> {
    if (body.client_id !== undefined) requireClient(body.client_id);
    if (!body.refresh_token) throw oauthError('invalid_request', 'refresh_token is required.');
    const at = now();
    const found = await repository.findRefreshToken(hashToken(body.refresh_token));
    if (!found || (body.client_id !== undefined && body.client_id !== found.family.clientId)) {
      throw oauthError('invalid_grant', 'The refresh token is invalid.');
    }
    const { family } = found;
    if (family.revokedAt || family.expiresAt <= at) {
      throw oauthError(
        'invalid_grant',
        'This sign-in has ended (revoked or expired); sign in again.',
      );
    }
    // A refresh may narrow the access token's scopes, never widen them (RFC 6749 section 6).
    const scopes = parseScope(body.scope, family.scopes as Scope[]);
    if (found.usedAt) return reuseDetected(family, client);
    const next = randomToken(REFRESH_TOKEN_PREFIX);
    if (!(await repository.rotateRefreshToken(found.id, family.id, hashToken(next), at))) {
      return reuseDetected(family, client); // a concurrent request spent it first
    }
    return issue(family, next, scopes);
  }

  async function revokeFamily(
    familyId: string,
    reason: string,
    client: ClientInfo,
    userId?: string,
  ): Promise<boolean> {
    const row = await repository.revokeFamily(familyId, reason, now(), userId);
    if (!row) return false;
    onRevoked(row.id);
    await audit.record({
      type: 'token.revoked',
      userId: row.userId,
      ...client,
      details: { kind: 'oauth_client', familyId: row.id, clientId: row.clientId, reason },
    });
    return true;
  }

  return {
    async startDeviceAuthorization(body: DeviceCodeBody): Promise<DeviceAuthorization> {
      const client = requireClient(body.client_id);
      const scopes = parseScope(body.scope, client.scopes);
      const at = now();
      await repository.deleteDeviceCodesExpiredBefore(
        new Date(at.getTime() - EXPIRED_CODE_RETENTION_MS),
      );
      const deviceCode = randomToken();
      for (let attempt = 0; ; attempt++) {
        const userCode = randomUserCode();
        try {
          await repository.insertDeviceCode({
            deviceCodeHash: hashToken(deviceCode),
            userCode,
            clientId: client.id,
            scopes,
            createdAt: at,
            expiresAt: new Date(at.getTime() + DEVICE_CODE_TTL_SECONDS * 1000),
            intervalSeconds: POLL_INTERVAL_SECONDS,
          });
        } catch (error) {
          // 20^8 codes: a clash with a live one is rare, and several in a row means a bug.
          if (isUniqueViolation(error) && attempt < 4) continue;
          throw error;
        }
        const shown = formatUserCode(userCode);
        return {
          device_code: deviceCode,
          user_code: shown,
          verification_uri: `${publicUrl}/device`,
          verification_uri_complete: `${publicUrl}/device?code=${shown}`,
          expires_in: DEVICE_CODE_TTL_SECONDS,
          interval: POLL_INTERVAL_SECONDS,
        };
      }
    },

    /** What a pending code asks for, so the approval page can show it. */
    async lookup(userCodeInput: string): Promise<DeviceRequest> {
      const userCode = normalizeUserCode(userCodeInput);
      const row = userCode ? await repository.findPendingByUserCode(userCode, now()) : null;
      if (!row) throw unknownUserCode();
      return {
        userCode: formatUserCode(row.userCode),
        clientId: row.clientId,
        clientName: clientName(row.clientId),
        scopes: row.scopes as Scope[],
        expiresAt: row.expiresAt.toISOString(),
      };
    },

    async decide(userId: string, body: ApproveBody, client: ClientInfo): Promise<void> {
      const userCode = normalizeUserCode(body.userCode);
      const status = body.approve ? 'approved' : 'denied';
      const row = userCode ? await repository.decide(userCode, status, userId, now()) : null;
      if (!row) throw unknownUserCode();
      await audit.record({
        type: body.approve ? 'device.approved' : 'device.denied',
        userId,
        ...client,
        details: { clientId: row.clientId, scopes: row.scopes },
      });
    },

    async token(body: TokenBody, client: ClientInfo): Promise<TokenResponse> {
      switch (body.grant_type) {
        case DEVICE_CODE_GRANT:
          return exchangeDeviceCode(body);
        case 'refresh_token':
          return refresh(body, client);
        default:
          throw oauthError(
            'unsupported_grant_type',
            `grant_type must be ${DEVICE_CODE_GRANT} or refresh_token.`,
          );
      }
    },

    /**
     * RFC 7009: ends the sign-in a refresh token (or one of its access tokens) belongs to.
     * Unknown tokens are not an error: the outcome the caller wants holds either way.
     */
    async revokeToken(token: string, clientId: string | undefined, client: ClientInfo) {
      if (clientId !== undefined) requireClient(clientId);
      const found = await repository.findRefreshToken(hashToken(token));
      const claims = found ? null : await accessTokens.verify(token);
      const family = found
        ? { id: found.family.id, userId: found.family.userId }
        : claims && { id: claims.familyId, userId: claims.userId };
      if (family) await revokeFamily(family.id, 'client_revoked', client, family.userId);
    },

    async listClients(userId: string): Promise<ClientView[]> {
      const rows = await repository.listLiveFamilies(userId, now());
      return rows.map((row) => ({
        id: row.id,
        clientId: row.clientId,
        clientName: clientName(row.clientId),
        scopes: row.scopes as Scope[],
        createdAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
      }));
    },

    /** Another user's client answers exactly like a missing one. */
    async revokeClient(userId: string, familyId: string, client: ClientInfo): Promise<void> {
      if (!(await revokeFamily(familyId, 'user_revoked', client, userId))) {
        throw notFound('Signed-in client');
      }
    },

    /** For the bearer authenticator: a live family and its user's role. */
    async activeFamily(familyId: string) {
      return repository.findLiveFamily(familyId, now());
    },
  };
}

export type OAuthService = ReturnType<typeof createOAuthService>;
