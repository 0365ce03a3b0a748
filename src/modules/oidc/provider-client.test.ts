import * as client from 'openid-client';
import { describe, expect, it, vi } from 'vitest';
import { allowsPlainHttp, createProviderClient, identityFromClaims } from './provider-client.js';

/** What discovery of a provider at settings.issuer would give. */
const discovered = async (...args: Parameters<typeof client.discovery>) =>
  new client.Configuration(
    { issuer: settings.issuer, authorization_endpoint: `${settings.issuer}/auth` },
    args[1],
  );

const settings = {
  issuer: 'https://id.example.com',
  clientId: 'waymark',
  clientSecret: 'secret',
  redirectUri: 'https://waymark.example.com/api/v1/auth/oidc/callback',
};

describe('allowsPlainHttp', () => {
  it('allows http only for a provider on this machine', () => {
    expect(allowsPlainHttp('http://127.0.0.1:4000')).toBe(true);
    expect(allowsPlainHttp('http://localhost:4000/realms/x')).toBe(true);
    expect(allowsPlainHttp('http://[::1]:4000')).toBe(true);
    expect(allowsPlainHttp('http://id.example.com')).toBe(false);
    expect(allowsPlainHttp('http://127.0.0.1.example.com')).toBe(false);
    expect(allowsPlainHttp('http://10.0.0.1')).toBe(false);
    expect(allowsPlainHttp('https://127.0.0.1')).toBe(false); // https needs no exception
  });
});

describe('identityFromClaims', () => {
  const idToken = { iss: 'https://id.example.com', sub: 'abc' };

  it('reads the identity from the ID token', () => {
    expect(
      identityFromClaims({ ...idToken, email: ' a@example.com ', email_verified: true, name: 'A' }),
    ).toEqual({
      issuer: 'https://id.example.com',
      subject: 'abc',
      email: 'a@example.com',
      emailVerified: true,
      name: 'A',
    });
  });

  it('completes it from UserInfo, but the ID token wins', () => {
    const identity = identityFromClaims(idToken, {
      sub: 'abc',
      iss: 'https://elsewhere.example',
      email: 'b@example.com',
      email_verified: 'true',
      preferred_username: 'bee',
    });
    expect(identity).toMatchObject({
      issuer: 'https://id.example.com',
      email: 'b@example.com',
      emailVerified: true,
      name: 'bee',
    });
  });

  it('treats a missing or non-true email_verified as unverified', () => {
    for (const email_verified of [undefined, false, 'false', 1, 'yes']) {
      const identity = identityFromClaims({ ...idToken, email: 'a@example.com', email_verified });
      expect(identity.emailVerified).toBe(false);
    }
    expect(identityFromClaims(idToken).email).toBeNull();
  });
});

describe('createProviderClient', () => {
  it('discovers on first use, keeps the result, and tries again after a failure', async () => {
    const discover = vi
      .fn<typeof client.discovery>(discovered)
      .mockRejectedValueOnce(new Error('connection refused'));
    const provider = createProviderClient(settings, discover);
    expect(discover).not.toHaveBeenCalled(); // nothing at start-up

    await expect(provider.authorizationRequest()).rejects.toThrow('connection refused');
    const first = await provider.authorizationRequest();
    const second = await provider.authorizationRequest();
    expect(discover).toHaveBeenCalledTimes(2);
    expect(first.checks.state).not.toBe(second.checks.state);
  });

  it('builds an authorization code request with PKCE S256, state and nonce', async () => {
    const discover = vi.fn<typeof client.discovery>(discovered);
    const { url, checks } = await createProviderClient(settings, discover).authorizationRequest();
    expect(url.origin + url.pathname).toBe(`${settings.issuer}/auth`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: 'waymark',
      response_type: 'code',
      redirect_uri: settings.redirectUri,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.code_challenge).not.toBe(checks.codeVerifier);
    // Plain HTTP is not allowed for a provider elsewhere.
    expect(discover.mock.calls[0]![4]).toMatchObject({ execute: [] });
  });
});
