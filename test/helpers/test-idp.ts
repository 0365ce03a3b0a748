/**
 * A real OpenID Connect provider (oidc-provider) for tests, on 127.0.0.1 at a free port, with
 * one confidential client and accounts the test defines. There is no login page: the test
 * picks the account by adding `?account=<sub>` to the interaction URL, or `?deny=1` to have
 * the user refuse, and the provider finishes the interaction at once (login and consent).
 *
 * `browse` plays the browser between Waymark's redirect to the provider and the provider's
 * redirect back, keeping the provider's cookies, and returns the callback URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface IdpAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount(account: IdpAccount): IdpAccount;
  /** Follows redirects from `authorizationUrl` until one leaves the provider; returns it. */
  browse(authorizationUrl: string, choice: { account: string } | { deny: true }): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestIdp(redirectUri: string, port = 0): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'waymark-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The claims go into the ID token itself, as most providers do.
    conformIdTokenClaims: false,
    cookies: { keys: ['test-idp-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ ...account }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (!url.pathname.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (url.searchParams.get('deny')) {
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The user said no.' },
          { mergeWithLastSubmission: false },
        );
      }
      const accountId = url.searchParams.get('account') ?? '';
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount(account) {
      accounts.set(account.sub, account);
      return account;
    },
    async browse(authorizationUrl, choice) {
      const jar = new Map<string, string>();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (url.origin !== issuer) return url;
        if (url.pathname.startsWith('/interaction/')) {
          if ('deny' in choice) url.searchParams.set('deny', '1');
          else url.searchParams.set('account', choice.account);
        }
        const res = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const line of res.headers.getSetCookie()) {
          const pair = line.split(';')[0]!;
          const name = pair.slice(0, pair.indexOf('='));
          const value = pair.slice(pair.indexOf('=') + 1);
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
          else jar.set(name, value);
        }
        const body = await res.text();
        const location = res.headers.get('location');
        if (res.status < 300 || res.status >= 400 || !location) {
          throw new Error(`the provider answered ${res.status} at ${url.href}: ${body}`);
        }
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
