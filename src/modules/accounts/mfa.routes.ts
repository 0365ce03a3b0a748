/**
 * Two-factor authentication of one's own account under /me/mfa: enrol an authenticator app,
 * turn it off, replace the recovery codes. Changing a factor ends the account's other sessions.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as s from './accounts.schemas.js';
import { accountsPolicy as policy } from './accounts.policy.js';
import { clientOf, noContent, problems } from './accounts.routes.js';
import type { AccountsService } from './accounts.service.js';
import type { MfaService } from './mfa.service.js';

export const mfaRoutes: FastifyPluginAsyncTypebox<{
  accounts: AccountsService;
  mfa: MfaService;
}> = async (app, { accounts, mfa }) => {
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const me = (request: FastifyRequest) => request.auth!;

  app.post(
    '/me/mfa/totp',
    {
      config: policy.startTotp,
      schema: {
        operationId: 'startTotpEnrolment',
        tags: ['accounts'],
        summary: 'Start setting up an authenticator app',
        description: 'Needs a sign-in within the last 10 minutes.',
        response: { 200: s.TotpEnrolment, ...problems(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await accounts.userRow(me(request).userId);
      return noStore(reply).send(await mfa.startEnrolment(user));
    },
  );

  app.post(
    '/me/mfa/totp/confirm',
    {
      config: policy.confirmTotp,
      schema: {
        operationId: 'confirmTotpEnrolment',
        tags: ['accounts'],
        summary: 'Turn two-factor authentication on with a first code',
        description: 'Every other session of the account ends.',
        body: s.CodeBody,
        response: { 200: s.RecoveryCodes, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      const user = await accounts.userRow(auth.userId);
      const result = await mfa.confirmEnrolment(user, request.body.code, clientOf(request));
      await accounts.endOtherSessions(auth.userId, auth.credentialId);
      return noStore(reply).send(result);
    },
  );

  app.delete(
    '/me/mfa',
    {
      config: policy.disableMfa,
      schema: {
        operationId: 'disableMfa',
        tags: ['accounts'],
        summary: 'Turn two-factor authentication off',
        description:
          'Needs a sign-in within the last 10 minutes. Every other session of the account ends.',
        response: { ...noContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      const user = await accounts.userRow(auth.userId);
      await mfa.disable(user, clientOf(request));
      await accounts.endOtherSessions(auth.userId, auth.credentialId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/mfa/recovery-codes',
    {
      config: policy.regenerateRecoveryCodes,
      schema: {
        operationId: 'regenerateRecoveryCodes',
        tags: ['accounts'],
        summary: 'Replace the recovery codes',
        description: 'The old codes stop working. Needs a sign-in within the last 10 minutes.',
        response: { 200: s.RecoveryCodes, ...problems(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await accounts.userRow(me(request).userId);
      return noStore(reply).send(await mfa.regenerateRecoveryCodes(user, clientOf(request)));
    },
  );
};
