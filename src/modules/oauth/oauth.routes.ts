/**
 * The OAuth endpoints under /api/v1: the device grant and token endpoint the CLI talks to
 * (JSON or form bodies, OAuth errors), the approval API behind the web app's /device page,
 * and the user's list of signed-in clients.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from '../../http/problem.js';
import { acceptFormBodies } from './form-body.js';
import { oauthError } from './oauth.errors.js';
import { oauthPolicy as policy } from './oauth.policy.js';
import {
  ApproveBody,
  ClientIdParams,
  ClientList,
  DeviceAuthorization,
  DeviceCodeBody,
  DeviceRequest,
  LookupQuery,
  OAuthProblem,
  RevokeBody,
  TokenBody,
  TokenResponse,
} from './oauth.schemas.js';
import type { ClientInfo, OAuthService } from './oauth.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const session = [{ session: [] }];
/** Documents that the protocol endpoints take form bodies too (@fastify/swagger reads it). */
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

/** Token responses must not be stored by any cache (RFC 6749 section 5.1). */
const noStore = (reply: FastifyReply) =>
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');

/** OAuth clients expect `invalid_request`, not Waymark's validation problem. */
function rejectInvalid(request: FastifyRequest): void {
  if (request.validationError) {
    throw oauthError(
      'invalid_request',
      `The request is invalid: ${request.validationError.message}`,
    );
  }
}

/** The protocol endpoints, in a scope of their own that also parses form bodies. */
const protocolRoutes: FastifyPluginAsyncTypebox<{ oauth: OAuthService }> = async (
  protocol,
  { oauth },
) => {
  acceptFormBodies(protocol);

  protocol.post(
    '/auth/device/code',
    {
      config: policy.deviceCode,
      attachValidation: true,
      schema: {
        operationId: 'startDeviceAuthorization',
        tags: ['oauth'],
        summary: 'Start signing in a device (RFC 8628)',
        description:
          'For `waymark login`: returns a user code to show and a device code to poll ' +
          '`/auth/token` with. Errors carry the OAuth `error` member (`invalid_client`, ' +
          '`invalid_scope`, `invalid_request`).',
        consumes,
        body: DeviceCodeBody,
        response: { 200: DeviceAuthorization, 400: OAuthProblem, ...problems(413, 415, 429) },
      },
    },
    async (request, reply) => {
      rejectInvalid(request);
      noStore(reply);
      return oauth.startDeviceAuthorization(request.body);
    },
  );

  protocol.post(
    '/auth/token',
    {
      config: policy.token,
      attachValidation: true,
      schema: {
        operationId: 'issueToken',
        tags: ['oauth'],
        summary: 'Exchange a device code or refresh token for tokens',
        description:
          'grant_type `urn:ietf:params:oauth:grant-type:device_code` (with `device_code`, ' +
          '`client_id`) while polling after /auth/device/code: `authorization_pending` until ' +
          'the user decides, `slow_down` when polled faster than `interval` (add 5 s), ' +
          '`access_denied`, `expired_token`. grant_type `refresh_token` (with ' +
          '`refresh_token`) rotates: each refresh token works once, and presenting a used one ' +
          'again revokes the sign-in. Failures are 400 with the OAuth `error` member.',
        consumes,
        body: TokenBody,
        response: { 200: TokenResponse, 400: OAuthProblem, ...problems(413, 415, 429) },
      },
    },
    async (request, reply) => {
      rejectInvalid(request);
      noStore(reply);
      return oauth.token(request.body, clientOf(request));
    },
  );

  protocol.post(
    '/auth/token/revoke',
    {
      config: policy.revoke,
      attachValidation: true,
      schema: {
        operationId: 'revokeOAuthToken',
        tags: ['oauth'],
        summary: 'Sign a device out (RFC 7009)',
        description:
          'Revokes the sign-in a refresh token (or access token) belongs to. Answers 200 ' +
          'whether or not the token was valid.',
        consumes,
        body: RevokeBody,
        response: {
          200: Type.Null({ description: 'Revoked, or nothing to revoke.' }),
          400: OAuthProblem,
          ...problems(413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      rejectInvalid(request);
      await oauth.revokeToken(request.body.token, request.body.client_id, clientOf(request));
      return noStore(reply).code(200).send(null);
    },
  );
};

export const oauthRoutes: FastifyPluginAsyncTypebox<{ oauth: OAuthService }> = async (
  app,
  { oauth },
) => {
  await app.register(protocolRoutes, { oauth });

  app.get(
    '/auth/device/lookup',
    {
      config: policy.lookupDevice,
      schema: {
        operationId: 'lookUpDevice',
        tags: ['oauth'],
        summary: 'See what a device sign-in asks for',
        description:
          'For the /device page: which client a pending user code belongs to and which ' +
          'scopes it asks for. Unknown or expired codes are 400 `invalid-token`.',
        security: session,
        querystring: LookupQuery,
        response: { 200: DeviceRequest, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return oauth.lookup(request.query.userCode);
    },
  );

  app.post(
    '/auth/device/approve',
    {
      config: policy.approveDevice,
      schema: {
        operationId: 'approveDevice',
        tags: ['oauth'],
        summary: 'Approve or deny a device sign-in',
        description:
          'Binds the pending user code to the signed-in user (`approve: true`) or denies it. ' +
          'Unknown, used or expired codes are 400 `invalid-token`.',
        security: session,
        body: ApproveBody,
        response: {
          204: Type.Null({ description: 'Decided.' }),
          ...problems(400, 401, 403, 415, 429),
        },
      },
    },
    async (request, reply) => {
      await oauth.decide(request.auth!.userId, request.body, clientOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/clients',
    {
      config: policy.listClients,
      schema: {
        operationId: 'listClients',
        tags: ['oauth'],
        summary: 'List your signed-in devices',
        description: 'Every CLI signed in to your account (one per `waymark login`).',
        security: session,
        response: { 200: ClientList, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { clients: await oauth.listClients(request.auth!.userId) };
    },
  );

  app.delete(
    '/me/clients/:id',
    {
      config: policy.revokeClient,
      schema: {
        operationId: 'revokeClient',
        tags: ['oauth'],
        summary: 'Sign a device out',
        description:
          'Revokes the sign-in: its refresh token stops working at once, its access tokens ' +
          'within seconds.',
        security: session,
        params: ClientIdParams,
        response: {
          204: Type.Null({ description: 'Signed out.' }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      await oauth.revokeClient(request.auth!.userId, request.params.id, clientOf(request));
      return reply.code(204).send(null);
    },
  );
};
