/**
 * `/.well-known/jwks.json` (outside /api/v1, where verifiers look for it): the public keys
 * that verify Waymark's access tokens, retired ones included until their tokens expire.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SigningKeyRing } from '../auth/signing-keys.js';
import { oauthPolicy as policy } from './oauth.policy.js';
import { Jwks } from './oauth.schemas.js';

export const wellKnownRoutes: FastifyPluginAsyncTypebox<{
  keys: Pick<SigningKeyRing, 'jwks'>;
}> = async (app, { keys }) => {
  app.get(
    '/.well-known/jwks.json',
    {
      config: policy.jwks,
      schema: {
        operationId: 'getJwks',
        tags: ['oauth'],
        summary: 'Access-token signing keys (JWKS)',
        description:
          'Ed25519 public keys (EdDSA). A new key appears here before it signs anything a ' +
          'verifier is likely to see, and a retired one stays until its tokens have expired.',
        response: { 200: Jwks },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return keys.jwks();
    },
  );
};
