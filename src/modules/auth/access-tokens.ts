/**
 * Access tokens for the CLI: short-lived JWTs (RFC 9068 profile, `typ: at+jwt`) signed with
 * the key ring's Ed25519 key. A token names its token family (`sid`), so revoking the family
 * stops its access tokens too (the bearer authenticator checks the family).
 *
 * Verification accepts only EdDSA, only `at+jwt`, only our issuer and audience: `alg: none`,
 * HS256 signed with a public key, or an ID token replayed as an access token all fail.
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { scopes as knownScopes, type Scope } from '../../http/access.js';
import type { SigningKeyRing } from './signing-keys.js';

export const ACCESS_TOKEN_TTL_SECONDS = 600;
const ACCESS_TOKEN_TYPE = 'at+jwt';
const CLOCK_TOLERANCE_SECONDS = 5;

export interface AccessTokenGrant {
  userId: string;
  scopes: readonly string[];
  clientId: string;
  /** The token family (one signed-in client) the token belongs to. */
  familyId: string;
}

export interface VerifiedAccessToken {
  userId: string;
  scopes: Scope[];
  clientId: string;
  familyId: string;
  jti: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface AccessTokensOptions {
  keys: Pick<SigningKeyRing, 'signingKey' | 'verificationKey'>;
  /** config.publicUrl: the issuer; the audience is `${publicUrl}/api`. */
  publicUrl: string;
  now?: () => number;
}

const isScope = (s: string): s is Scope => (knownScopes as readonly string[]).includes(s);

export function createAccessTokens({ keys, publicUrl, now = Date.now }: AccessTokensOptions) {
  const issuer = publicUrl;
  const audience = `${publicUrl}/api`;

  return {
    async sign(grant: AccessTokenGrant): Promise<{ token: string; expiresIn: number }> {
      const { kid, key } = await keys.signingKey();
      const iat = Math.floor(now() / 1000);
      const token = await new SignJWT({
        scope: grant.scopes.join(' '),
        client_id: grant.clientId,
        sid: grant.familyId,
      })
        .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(grant.userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
        .sign(key);
      return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
    },

    /** The token's claims, or null for any token that is not one of ours and current. */
    async verify(token: string): Promise<VerifiedAccessToken | null> {
      try {
        const { payload } = await jwtVerify(
          token,
          async (header: JWTHeaderParameters) => {
            const key = await keys.verificationKey(header.kid);
            if (!key) throw new Error('no such signing key');
            return key;
          },
          {
            algorithms: ['EdDSA'],
            typ: ACCESS_TOKEN_TYPE,
            issuer,
            audience,
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            currentDate: new Date(now()),
            requiredClaims: ['sub', 'jti', 'iat', 'exp', 'scope', 'client_id', 'sid'],
          },
        );
        const { sub, jti, exp, scope, client_id: clientId, sid } = payload;
        if (
          typeof sub !== 'string' ||
          typeof jti !== 'string' ||
          typeof exp !== 'number' ||
          typeof scope !== 'string' ||
          typeof clientId !== 'string' ||
          typeof sid !== 'string'
        ) {
          return null;
        }
        return {
          userId: sub,
          scopes: scope.split(' ').filter(isScope),
          clientId,
          familyId: sid,
          jti,
          expiresAt: exp * 1000,
        };
      } catch {
        return null;
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
