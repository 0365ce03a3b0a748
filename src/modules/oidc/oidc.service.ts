/**
 * Sign-in with an external OpenID Connect provider, and linking a provider account to a
 * Waymark account.
 *
 * The rule that matters: an external identity is linked to an existing account only when the
 * person has proved they own that account. A provider saying "this is alice@example.com" is
 * not proof enough (anyone can register that address at some provider, and not every
 * provider checks it), so an unlinked identity whose address belongs to an account does not
 * sign in: the owner signs in with their password and links the provider from settings.
 *
 * Signing in through the provider replaces the password only: an account with MFA still
 * answers the second-factor challenge, and an unverified address still gets no session.
 */
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { AccountsService, SignInResult } from '../accounts/accounts.service.js';
import type { ClientInfo } from '../accounts/sessions.service.js';
import type { AuditSink } from '../audit/audit.service.js';
import { hashToken, randomToken, safeEqual } from '../auth/tokens.js';
import type { FlowRow, OidcRepository, UserRow } from './oidc.repository.js';
import type { ExternalIdentity, ProviderClient } from './provider-client.js';

/** How long a sign-in may take at the provider. */
export const FLOW_TTL_MS = 10 * 60_000;
const METHOD = 'oidc';

export type Intent = 'signin' | 'link';

export interface OidcDeps {
  /** Shown on the sign-in button ("Sign in with <name>"). */
  name: string;
  provider: ProviderClient;
  repository: OidcRepository;
  accounts: Pick<AccountsService, 'signInExternal'>;
  audit: AuditSink;
  log?: FastifyBaseLogger;
  now?: () => number;
}

export type StartOutcome = { kind: 'redirect'; url: URL; flowId: string } | { kind: 'unavailable' };

export type CallbackOutcome =
  | { kind: 'signed_in'; sessionToken: string; returnTo: string }
  | { kind: 'mfa_required'; mfaToken: string; returnTo: string }
  | { kind: 'linked' }
  /** The address has an account not linked to this identity: sign in with the password. */
  | { kind: 'link_required' }
  | {
      kind: 'refused';
      reason:
        | 'invalid_flow'
        | 'provider_error'
        | 'identity_in_use'
        | 'email_not_verified'
        | 'no_email'
        | 'not_signed_in';
    };

const refused = (reason: Extract<CallbackOutcome, { kind: 'refused' }>['reason']) =>
  ({ kind: 'refused', reason }) as const;

const displayNameOf = (identity: ExternalIdentity, email: string) =>
  (identity.name ?? email.split('@')[0]!).slice(0, 80);

export function createOidcService(deps: OidcDeps) {
  const { provider, repository, accounts, audit } = deps;
  const now = deps.now ?? Date.now;

  async function signIn(
    user: UserRow,
    client: ClientInfo,
    returnTo: string,
  ): Promise<CallbackOutcome> {
    let result: SignInResult;
    try {
      result = await accounts.signInExternal(user, client, METHOD);
    } catch (error) {
      if (error instanceof AppError && error.code === 'email_not_verified') {
        return refused('email_not_verified');
      }
      throw error;
    }
    return result.status === 'signed_in'
      ? { kind: 'signed_in', sessionToken: result.sessionToken, returnTo }
      : { kind: 'mfa_required', mfaToken: result.mfaToken, returnTo };
  }

  async function link(
    flow: FlowRow,
    identity: ExternalIdentity,
    currentUserId: string | null,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    // The user who started linking must still be the one signed in on this browser.
    if (!flow.userId || flow.userId !== currentUserId) return refused('not_signed_in');
    const { identity: linked, created } = await repository.linkIdentity(flow.userId, {
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
    });
    if (linked.userId !== flow.userId) return refused('identity_in_use');
    if (created) {
      await audit.record({
        type: 'identity.linked',
        userId: flow.userId,
        ...client,
        details: { identityId: linked.id, issuer: linked.issuer },
      });
    }
    return { kind: 'linked' };
  }

  async function signInOrSignUp(
    flow: FlowRow,
    identity: ExternalIdentity,
    client: ClientInfo,
  ): Promise<CallbackOutcome> {
    const known = await repository.identityBySubject(identity.issuer, identity.subject);
    const owner = known && (await repository.userById(known.userId));
    if (owner) return signIn(owner, client, flow.returnTo);

    if (!identity.email) return refused('no_email');
    const existing = await repository.userByEmail(identity.email);
    if (existing) {
      await audit.record({
        type: 'login.failed',
        userId: existing.id,
        ...client,
        details: { method: METHOD, reason: 'identity_not_linked', issuer: identity.issuer },
      });
      return { kind: 'link_required' };
    }
    const at = new Date(now());
    const created = await repository.insertLinkedUser(
      {
        email: identity.email,
        displayName: displayNameOf(identity, identity.email),
        // Trusted only when the provider vouches for the address; otherwise the normal
        // verification mail goes out (signInExternal sends it) before any session.
        emailVerifiedAt: identity.emailVerified ? at : null,
      },
      { issuer: identity.issuer, subject: identity.subject, email: identity.email },
    );
    if (created === 'email_taken') return { kind: 'link_required' };
    if (created === 'identity_taken') return refused('invalid_flow');
    await audit.record({
      type: 'signup',
      userId: created.id,
      ...client,
      details: { method: METHOD, issuer: identity.issuer },
    });
    await audit.record({
      type: 'identity.linked',
      userId: created.id,
      ...client,
      details: { issuer: identity.issuer },
    });
    return signIn(created, client, flow.returnTo);
  }

  return {
    name: deps.name,

    /**
     * Begins a sign-in (or, with `userId`, linking to that user): the provider URL to send
     * the browser to, and the id of the flow for the browser's cookie.
     */
    async start(input: {
      returnTo: string;
      intent: Intent;
      userId: string | null;
    }): Promise<StartOutcome> {
      let request: Awaited<ReturnType<ProviderClient['authorizationRequest']>>;
      try {
        request = await provider.authorizationRequest();
      } catch (error) {
        deps.log?.warn({ err: error }, 'OpenID provider unreachable (discovery failed)');
        return { kind: 'unavailable' };
      }
      const at = now();
      await repository.deleteExpiredFlows(new Date(at));
      const flowId = randomToken();
      await repository.insertFlow({
        idHash: hashToken(flowId),
        ...request.checks,
        returnTo: input.returnTo,
        intent: input.intent,
        userId: input.intent === 'link' ? input.userId : null,
        createdAt: new Date(at),
        expiresAt: new Date(at + FLOW_TTL_MS),
      });
      return { kind: 'redirect', url: request.url, flowId };
    },

    /**
     * Finishes a sign-in when the provider sends the browser back. `flowId` is the browser's
     * cookie, `query` the callback's query string as received, `currentUserId` who is signed
     * in on this browser (for linking).
     */
    async callback(input: {
      flowId: string | null;
      query: URLSearchParams;
      currentUserId: string | null;
      client: ClientInfo;
    }): Promise<CallbackOutcome> {
      const flow = input.flowId ? await repository.takeFlow(hashToken(input.flowId)) : undefined;
      const state = input.query.get('state');
      if (!flow || flow.expiresAt.getTime() <= now() || !state || !safeEqual(state, flow.state)) {
        return refused('invalid_flow');
      }
      let identity: ExternalIdentity;
      try {
        identity = await provider.exchange(input.query, flow);
      } catch (error) {
        deps.log?.warn({ err: error }, 'OpenID sign-in failed at the provider or its checks');
        return refused('provider_error');
      }
      return flow.intent === 'link'
        ? link(flow, identity, input.currentUserId, input.client)
        : signInOrSignUp(flow, identity, input.client);
    },
  };
}
export type OidcService = ReturnType<typeof createOidcService>;
