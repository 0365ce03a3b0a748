/**
 * Personal access tokens: long-lived bearer tokens a user makes for scripts and tools,
 * limited to chosen scopes and an expiry. The secret is shown once at creation and stored
 * only as its hash; lists show a short prefix so tokens can be told apart.
 */
import { AppError, notFound } from '../../http/errors.js';
import type { Scope } from '../../http/access.js';
import { PAT_PREFIX, type ResolvedPat } from '../auth/bearer.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import type { AuditSink } from '../audit/audit.service.js';
import type { PatRow, TokensRepository } from './tokens.repository.js';
import type { CreatedToken, CreateTokenBody, TokenView } from './tokens.schemas.js';

/** Live (unexpired, unrevoked) tokens one user may hold. */
export const MAX_LIVE_TOKENS = 50;
const PREFIX_LENGTH = 12;
/** `last_used_at` is a hint for the user, not a log: one write a minute per token is enough. */
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface TokensServiceOptions {
  repository: TokensRepository;
  audit: AuditSink;
  /** Called with the token id after a revocation, so cached authentications are dropped. */
  onRevoked?: (tokenId: string) => void;
  now?: () => Date;
}

function toView(row: PatRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export function createTokensService({
  repository,
  audit,
  onRevoked = () => undefined,
  now = () => new Date(),
}: TokensServiceOptions) {
  return {
    async list(userId: string): Promise<TokenView[]> {
      return (await repository.listUnrevoked(userId)).map(toView);
    },

    async create(
      userId: string,
      input: CreateTokenBody,
      client: ClientInfo,
    ): Promise<CreatedToken> {
      const at = now();
      const token = randomToken(PAT_PREFIX);
      const row = await repository.insertWithinLimit(
        {
          userId,
          name: input.name.trim(),
          tokenHash: hashToken(token),
          prefix: token.slice(0, PREFIX_LENGTH),
          scopes: [...input.scopes],
          createdAt: at,
          expiresAt: new Date(at.getTime() + input.expiresInDays * DAY_MS),
        },
        MAX_LIVE_TOKENS,
        at,
      );
      if (!row) {
        throw new AppError(
          'conflict',
          `You already have ${MAX_LIVE_TOKENS} active tokens; revoke one you no longer use first.`,
        );
      }
      await audit.record({
        type: 'token.created',
        userId,
        ...client,
        details: { tokenId: row.id, name: row.name, scopes: row.scopes, expiresAt: row.expiresAt },
      });
      return { token, ...toView(row) };
    },

    /** Another user's token answers exactly like a missing one. */
    async revoke(userId: string, id: string, client: ClientInfo): Promise<void> {
      const row = await repository.revoke(userId, id, now());
      if (!row) throw notFound('Token');
      onRevoked(row.id);
      await audit.record({
        type: 'token.revoked',
        userId,
        ...client,
        details: { kind: 'personal_access_token', tokenId: row.id, name: row.name },
      });
    },

    /** For the bearer authenticator: a live token by its secret. */
    async resolve(token: string): Promise<ResolvedPat | null> {
      const at = now();
      const row = await repository.findLiveByHash(hashToken(token), at);
      if (!row) return null;
      if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
        await repository.touch(row.id, at);
      }
      return {
        id: row.id,
        userId: row.userId,
        role: row.role,
        scopes: row.scopes as Scope[],
        expiresAt: row.expiresAt,
      };
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
