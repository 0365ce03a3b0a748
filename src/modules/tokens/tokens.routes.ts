/** `/me/tokens`: the signed-in user's personal access tokens. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from '../../http/problem.js';
import { tokensPolicy as policy } from './tokens.policy.js';
import { CreatedToken, CreateTokenBody, TokenIdParams, TokenList } from './tokens.schemas.js';
import type { ClientInfo, TokensService } from './tokens.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security = [{ session: [] }];

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

export const tokensRoutes: FastifyPluginAsyncTypebox<{ tokens: TokensService }> = async (
  app,
  { tokens },
) => {
  app.get(
    '/me/tokens',
    {
      config: policy.list,
      schema: {
        operationId: 'listTokens',
        tags: ['tokens'],
        summary: 'List your personal access tokens',
        description:
          'Tokens that have not been revoked, newest first (expired ones included, so they can ' +
          'be recognised and replaced). The secret is never shown again, only its prefix.',
        security,
        response: { 200: TokenList, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { tokens: await tokens.list(request.auth!.userId) };
    },
  );

  app.post(
    '/me/tokens',
    {
      config: policy.create,
      schema: {
        operationId: 'createToken',
        tags: ['tokens'],
        summary: 'Create a personal access token',
        description:
          'Answers with the token (`wm_pat_...`) once; store it then. Use it as ' +
          '`Authorization: Bearer <token>`. At most 50 active tokens per user.',
        security,
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...problems(400, 401, 403, 409, 415, 429) },
      },
    },
    async (request, reply) => {
      const created = await tokens.create(request.auth!.userId, request.body, clientOf(request));
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      config: policy.revoke,
      schema: {
        operationId: 'revokeToken',
        tags: ['tokens'],
        summary: 'Revoke a personal access token',
        description: 'The token stops working at once on this server, within seconds on others.',
        security,
        params: TokenIdParams,
        response: { 204: Type.Null({ description: 'Revoked.' }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await tokens.revoke(request.auth!.userId, request.params.id, clientOf(request));
      return reply.code(204).send(null);
    },
  );
};
