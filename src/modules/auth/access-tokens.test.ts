import { base64url, SignJWT, type JWTPayload } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../test/helpers/memory-key-store.js';
import { ACCESS_TOKEN_TTL_SECONDS, createAccessTokens } from './access-tokens.js';
import { createSigningKeyRing, RETIRED_KEY_GRACE_MS, type SigningKeyRing } from './signing-keys.js';

const publicUrl = 'https://waymark.example';
const grant = {
  userId: '0b0c9a51-3f4e-4a8e-9d51-6c1f0f4f2b11',
  scopes: ['progress:read', 'profile:read'],
  clientId: 'waymark-cli',
  familyId: '5a3e2b43-58d6-4c5e-8f57-9a8b2f1d1c22',
};

describe('access tokens', () => {
  let clock: number;
  let ring: SigningKeyRing;
  let tokens: ReturnType<typeof createAccessTokens>;
  const now = () => clock;

  beforeEach(async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    ring = createSigningKeyRing(memoryKeyStore(), { now });
    tokens = createAccessTokens({ keys: ring, publicUrl, now });
  });

  /** A token signed with the ring's current key, with claims and header as the test says. */
  async function forge(claims: JWTPayload, header: Record<string, unknown> = {}) {
    const { kid, key } = await ring.signingKey();
    const iat = Math.floor(clock / 1000);
    return new SignJWT({
      iss: publicUrl,
      aud: `${publicUrl}/api`,
      sub: grant.userId,
      jti: 'j1',
      iat,
      exp: iat + 600,
      scope: 'profile:read',
      client_id: 'waymark-cli',
      sid: grant.familyId,
      ...claims,
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid, ...header })
      .sign(key);
  }

  const segments = (token: string) => token.split('.') as [string, string, string];
  const json = (value: unknown) => base64url.encode(JSON.stringify(value));

  it('when a token was just signed, then it verifies to its claims', async () => {
    const { token, expiresIn } = await tokens.sign(grant);
    expect(expiresIn).toBe(ACCESS_TOKEN_TTL_SECONDS);
    const [header] = segments(token);
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(header)))).toMatchObject({
      alg: 'EdDSA',
      typ: 'at+jwt',
      kid: expect.any(String) as unknown,
    });
    expect(await tokens.verify(token)).toEqual({
      userId: grant.userId,
      scopes: ['progress:read', 'profile:read'],
      clientId: 'waymark-cli',
      familyId: grant.familyId,
      jti: expect.any(String) as unknown,
      expiresAt: clock + 600_000,
    });
  });

  it('when the payload was changed, then it is refused', async () => {
    const [header, , signature] = segments((await tokens.sign(grant)).token);
    const payload = json({
      iss: publicUrl,
      aud: `${publicUrl}/api`,
      sub: 'someone-else',
      scope: 'progress:write',
      client_id: 'waymark-cli',
      sid: grant.familyId,
      jti: 'x',
      iat: Math.floor(clock / 1000),
      exp: Math.floor(clock / 1000) + 600,
    });
    expect(await tokens.verify(`${header}.${payload}.${signature}`)).toBeNull();
  });

  it('when the signature was changed, then it is refused', async () => {
    const [header, payload, signature] = segments((await tokens.sign(grant)).token);
    const bytes = base64url.decode(signature);
    bytes[0] = bytes[0]! ^ 0xff;
    expect(await tokens.verify(`${header}.${payload}.${base64url.encode(bytes)}`)).toBeNull();
  });

  it('when it has expired (beyond the 5 s tolerance), then it is refused', async () => {
    const { token } = await tokens.sign(grant);
    clock += (ACCESS_TOKEN_TTL_SECONDS + 4) * 1000;
    expect(await tokens.verify(token)).not.toBeNull();
    clock += 2_000;
    expect(await tokens.verify(token)).toBeNull();
  });

  it('when it says alg none and has no signature, then it is refused', async () => {
    const [, payload] = segments((await tokens.sign(grant)).token);
    const header = json({ alg: 'none', typ: 'at+jwt' });
    expect(await tokens.verify(`${header}.${payload}.`)).toBeNull();
  });

  it('when the audience is another one, then it is refused', async () => {
    expect(await tokens.verify(await forge({}))).not.toBeNull();
    expect(await tokens.verify(await forge({ aud: 'https://elsewhere.example/api' }))).toBeNull();
    expect(await tokens.verify(await forge({ aud: publicUrl }))).toBeNull();
  });

  it('when the issuer is another one, then it is refused', async () => {
    expect(await tokens.verify(await forge({ iss: 'https://evil.example' }))).toBeNull();
  });

  it('when typ is JWT (an ID token, say) rather than at+jwt, then it is refused', async () => {
    expect(await tokens.verify(await forge({}, { typ: 'JWT' }))).toBeNull();
  });

  it('when a required claim is missing, then it is refused', async () => {
    expect(await tokens.verify(await forge({ sid: undefined }))).toBeNull();
  });

  it('when it is HS256 signed with the public key as the secret (key confusion), then it is refused', async () => {
    const { kid } = await ring.signingKey();
    const { keys } = await ring.jwks();
    const jwk = keys.find((k) => k.kid === kid)!;
    const claims = {
      iss: publicUrl,
      aud: `${publicUrl}/api`,
      sub: grant.userId,
      scope: 'progress:write',
      client_id: 'waymark-cli',
      sid: grant.familyId,
      jti: 'x',
    };
    for (const secret of [base64url.decode(jwk.x), new TextEncoder().encode(JSON.stringify(jwk))]) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .setIssuedAt(Math.floor(clock / 1000))
        .setExpirationTime(Math.floor(clock / 1000) + 600)
        .sign(secret);
      expect(await tokens.verify(token)).toBeNull();
    }
  });

  it('when the kid is unknown (signed by a key that is not ours), then it is refused', async () => {
    const stranger = createSigningKeyRing(memoryKeyStore(), { now });
    const strangerTokens = createAccessTokens({ keys: stranger, publicUrl, now });
    expect(await tokens.verify((await strangerTokens.sign(grant)).token)).toBeNull();
    expect(await tokens.verify(await forge({}, { kid: undefined }))).toBeNull();
  });

  it('when the keys are rotated, then new tokens use the new key and old ones still verify', async () => {
    const { token } = await tokens.sign(grant);
    const oldKid = (await ring.signingKey()).kid;
    const newKid = await ring.rotate();
    expect(newKid).not.toBe(oldKid);
    const after = await tokens.sign(grant);
    expect(segments(after.token)[0]).not.toBe(segments(token)[0]);
    expect(await tokens.verify(token)).not.toBeNull();
    expect(await tokens.verify(after.token)).not.toBeNull();
    expect((await ring.jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    clock += RETIRED_KEY_GRACE_MS;
    expect((await ring.jwks()).keys.map((k) => k.kid)).toEqual([newKid]);
  });

  it('when a retired key signed a token that is still unexpired, then the token stops verifying once the grace period ends', async () => {
    const old = await forge({ exp: Math.floor(clock / 1000) + 24 * 3600 });
    await ring.rotate();
    expect(await tokens.verify(old)).not.toBeNull();
    clock += RETIRED_KEY_GRACE_MS - 1;
    expect(await tokens.verify(old)).not.toBeNull();
    clock += 1;
    expect(await tokens.verify(old)).toBeNull();
  });
});
