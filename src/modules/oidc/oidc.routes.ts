/**
 * Sign-in with an external OpenID provider (`/auth/oidc*`) and the identities linked to one's
 * account (`/me/identities`). Start and callback are browser navigations: every outcome,
 * failures included, is a redirect to a page of the web app, which reads the query:
 *
 * - signed in: the `returnTo` path given to start;
 * - second factor needed: `/signin?mfa=<token>` (the page asks for the code);
 * - linked: `/settings?linked=1`;
 * - the address has an account, not linked: `/signin?link=required&provider=<name>`;
 * - otherwise `/signin?error=<code>` or `/settings?error=identity-in-use`.
 */
import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ProtectedAccess } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { ProblemSchema } from '../../http/problem.js';
import { clientOf } from '../accounts/accounts.routes.js';
import { setSessionCookie } from '../accounts/session-cookie.js';
import { checkAccess, type AuthContext } from '../auth/authenticate.js';
import type { IdentitiesService } from './identities.service.js';
import { linkAccess, oidcPolicy as policy, signedIn } from './oidc.policy.js';
import * as s from './oidc.schemas.js';
import { FLOW_TTL_MS, type CallbackOutcome, type OidcService } from './oidc.service.js';
import { safeReturnTo } from './return-to.js';

export interface OidcRoutesOptions {
  /** Absent when no provider is configured: the status route says so, start/callback 404. */
  oidc: OidcService | undefined;
  identities: IdentitiesService;
  sessionMaxAgeMs: number;
}

/** The callback's absolute path (the routes below are mounted under /api/v1): the redirect URI. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** Holds the id of the sign-in in progress between start and callback. */
export const FLOW_COOKIE = 'waymark_oidc';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));

const withQuery = (path: string, params: Record<string, string>) =>
  `${path}?${new URLSearchParams(params).toString()}`;

function locationOf(outcome: CallbackOutcome, providerName: string): string {
  switch (outcome.kind) {
    case 'signed_in':
      return outcome.returnTo;
    case 'mfa_required':
      return withQuery('/signin', {
        mfa: outcome.mfaToken,
        ...(outcome.returnTo === '/' ? {} : { returnTo: outcome.returnTo }),
      });
    case 'linked':
      return '/settings?linked=1';
    case 'link_required':
      return withQuery('/signin', { link: 'required', provider: providerName });
    case 'refused':
      switch (outcome.reason) {
        case 'identity_in_use':
          return '/settings?error=identity-in-use';
        case 'email_not_verified':
          return '/signin?error=email-not-verified';
        case 'no_email':
          return '/signin?error=oidc-no-email';
        default:
          return '/signin?error=oidc';
      }
  }
}

export const oidcRoutes: FastifyPluginAsyncTypebox<OidcRoutesOptions> = async (
  app,
  { oidc, identities, sessionMaxAgeMs },
) => {
  const flowCookiePath = `${app.prefix}/auth/oidc`;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const notConfigured = () =>
    new AppError('not_found', 'Sign-in with an external provider is not set up on this server.');

  /** The caller's browser session, if it has one that meets `access`; null otherwise. */
  async function sessionMeeting(request: FastifyRequest, access: ProtectedAccess) {
    let auth: AuthContext | null;
    try {
      auth = await app.identify(request);
      if (auth) checkAccess(access, auth, request);
    } catch {
      return null;
    }
    return auth;
  }

  app.get(
    '/auth/oidc',
    {
      config: policy.status,
      schema: {
        operationId: 'getExternalSignIn',
        tags: ['accounts'],
        summary: 'Whether sign-in with an external OpenID provider is available',
        response: { 200: s.ProviderStatus },
      },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'no-cache')
        .send(oidc ? { enabled: true, name: oidc.name } : { enabled: false }),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: policy.start,
      schema: {
        operationId: 'startExternalSignIn',
        tags: ['accounts'],
        summary: 'Go to the external provider to sign in (or to link it to this account)',
        description:
          'A browser navigation. Redirects to the provider with an authorization code request ' +
          '(PKCE S256, state, nonce) and sets the short-lived `waymark_oidc` cookie that ' +
          'ties the callback to this browser. With `intent=link`, the caller must have ' +
          'signed in within the last 10 minutes, else it is sent to ' +
          '`/signin?error=reauthenticate`. When the provider cannot be reached, redirects to ' +
          '`/signin?error=oidc-unavailable`.',
        querystring: s.StartQuery,
        response: {
          302: s.redirect('To the provider, or to the web app when it cannot start.'),
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      if (!oidc) throw notConfigured();
      const returnTo = safeReturnTo(request.query.returnTo);
      const intent = request.query.intent ?? 'signin';
      let userId: string | null = null;
      if (intent === 'link') {
        const auth = await sessionMeeting(request, linkAccess);
        if (!auth) {
          return noStore(reply).redirect(
            withQuery('/signin', { error: 'reauthenticate', returnTo }),
            302,
          );
        }
        userId = auth.userId;
      }
      const started = await oidc.start({ returnTo, intent, userId });
      if (started.kind === 'unavailable') {
        return noStore(reply).redirect('/signin?error=oidc-unavailable', 302);
      }
      reply.setCookie(FLOW_COOKIE, started.flowId, {
        httpOnly: true,
        // Lax: the cookie must come back on the provider's top-level redirect to the callback.
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: flowCookiePath,
        maxAge: FLOW_TTL_MS / 1000,
      });
      return noStore(reply).redirect(started.url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: policy.callback,
      schema: {
        operationId: 'finishExternalSignIn',
        tags: ['accounts'],
        summary: 'Where the provider sends the browser back',
        description:
          'Checks the answer against the sign-in started in this browser (state, PKCE, ' +
          'nonce, ID token), then: an identity already linked signs in (MFA still applies: ' +
          '`/signin?mfa=<token>`); `intent=link` links it to the signed-in user ' +
          '(`/settings?linked=1`, or `/settings?error=identity-in-use`); a new address gets ' +
          'an account without a password; an address that already has an account is not ' +
          'linked without proof (`/signin?link=required&provider=<name>`: sign in with the ' +
          'password, then link from settings). Failures redirect to `/signin?error=oidc` ' +
          '(or `email-not-verified`, `oidc-no-email`) and change nothing.',
        querystring: s.CallbackQuery,
        response: {
          302: s.redirect(
            'To the web app: the page to return to when signed in (session cookie set), else a page that explains.',
          ),
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      reply.clearCookie(FLOW_COOKIE, { path: flowCookiePath });
      if (!oidc) throw notConfigured();
      const session = await sessionMeeting(request, signedIn);
      const outcome = await oidc.callback({
        flowId: request.cookies[FLOW_COOKIE] ?? null,
        // As received: the provider's parameters are checked by openid-client, all of them.
        query: new URLSearchParams(request.url.split('?')[1] ?? ''),
        currentUserId: session?.userId ?? null,
        client: clientOf(request),
      });
      if (outcome.kind === 'signed_in') {
        setSessionCookie(request, reply, outcome.sessionToken, sessionMaxAgeMs);
      }
      return noStore(reply).redirect(locationOf(outcome, oidc.name), 302);
    },
  );

  app.get(
    '/me/identities',
    {
      config: policy.listIdentities,
      schema: {
        operationId: 'listIdentities',
        tags: ['accounts'],
        summary: 'External provider accounts linked to this account',
        response: { 200: s.IdentityList, ...problems(401, 403) },
      },
    },
    async (request, reply) =>
      noStore(reply).send({ identities: await identities.list(request.auth!.userId) }),
  );

  app.delete(
    '/me/identities/:id',
    {
      config: policy.unlinkIdentity,
      schema: {
        operationId: 'unlinkIdentity',
        tags: ['accounts'],
        summary: 'Unlink an external provider account',
        description:
          'Refused with 409 when it is the only way to sign in (no password and no other ' +
          'linked account).',
        params: s.IdentityIdParams,
        response: {
          204: Type.Null({ description: 'Unlinked.' }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await identities.unlink(request.auth!.userId, request.params.id, clientOf(request));
      return reply.code(204).send(null);
    },
  );
};
