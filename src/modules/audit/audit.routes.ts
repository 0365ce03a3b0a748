/** GET /admin/audit-events: the security audit log, newest first, for administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema } from '../../http/problem.js';
import { auditPolicy } from './audit.policy.js';
import type { AuditService } from './audit.service.js';

const AuditEventView = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  type: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const ListAuditEventsQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z_.]+$' })),
    userId: Type.Optional(Type.String({ format: 'uuid' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Events older than this id.' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (
  app,
  { audit },
) => {
  app.get(
    '/admin/audit-events',
    {
      config: auditPolicy.list,
      schema: {
        operationId: 'listAuditEvents',
        tags: ['admin'],
        summary: 'Read the security audit log',
        description:
          'Sign-ins, MFA changes, tokens, password changes and session revocations, newest ' +
          'first. Page with `before` (the smallest id of the previous page).',
        security: [{ session: [] }, { bearer: [] }],
        querystring: ListAuditEventsQuery,
        response: {
          200: Type.Object({ events: Type.Array(AuditEventView) }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const events = await audit.list(request.query);
      return reply.header('cache-control', 'no-store').send({ events });
    },
  );
};
