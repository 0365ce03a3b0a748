/**
 * The external OpenID Connect provider as Waymark talks to it, through openid-client:
 * discovery, the authorization URL (authorization code flow with PKCE S256, state and nonce)
 * and the code exchange, which checks all three and the ID token.
 *
 * Discovery happens on first use and is tried again after a failure, so Waymark starts, and
 * serves everything else, while the provider is down.
 */
import * as client from 'openid-client';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: Waymark's callback route, absolute. */
  redirectUri: string;
}

/** What the callback must check, kept server-side between the redirect and the callback. */
export interface FlowChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ExternalIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

const SCOPE = 'openid email profile';
const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * openid-client speaks only HTTPS unless told otherwise. Plain HTTP is allowed for a provider
 * on this machine (tests, local development) and never for one across a network.
 */
export function allowsPlainHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

type JsonRecord = Readonly<Record<string, unknown>>;

/**
 * The identity in the ID token's claims, completed from the UserInfo response when the ID
 * token leaves the address out (providers may: OpenID Connect Core, section 5.4).
 */
export function identityFromClaims(idToken: JsonRecord, userInfo?: JsonRecord): ExternalIdentity {
  const claims = { ...userInfo, ...idToken };
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim() : null;
  return {
    issuer: String(idToken.iss),
    subject: String(idToken.sub),
    email: text(claims.email),
    // Some providers send the boolean as a string.
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text(claims.name) ?? text(claims.preferred_username),
  };
}

export function createProviderClient(
  settings: ProviderSettings,
  discover: typeof client.discovery = client.discovery,
) {
  let configuration: Promise<client.Configuration> | undefined;

  function discovered(): Promise<client.Configuration> {
    configuration ??= discover(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      client.ClientSecretBasic(settings.clientSecret),
      {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        execute: allowsPlainHttp(settings.issuer) ? [client.allowInsecureRequests] : [],
      },
    ).catch((error: unknown) => {
      configuration = undefined; // the next sign-in tries again
      throw error;
    });
    return configuration;
  }

  return {
    /** The provider's authorization URL and the checks its answer must pass. */
    async authorizationRequest(): Promise<{ url: URL; checks: FlowChecks }> {
      const config = await discovered();
      const checks: FlowChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: SCOPE,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },

    /**
     * Exchanges the code in the callback's query for tokens, checking state, PKCE, nonce and
     * the ID token's signature, issuer, audience and lifetime; throws when any fails.
     */
    async exchange(query: URLSearchParams, checks: FlowChecks): Promise<ExternalIdentity> {
      const config = await discovered();
      // The redirect URI is sent again with the code, so it is built from configuration,
      // not from the Host header of the request that carried the code.
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = query.toString();
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      const userInfo =
        typeof idToken.email !== 'string' && config.serverMetadata().userinfo_endpoint
          ? await client.fetchUserInfo(config, tokens.access_token, idToken.sub)
          : undefined;
      return identityFromClaims(idToken, userInfo);
    },
  };
}
export type ProviderClient = ReturnType<typeof createProviderClient>;
