/**
 * Liveness and readiness for load balancers and orchestrators. /healthz says the process
 * answers; /readyz says it can serve: the database answers and content is loaded.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicRoute } from './access.js';
import { problem } from './problem.js';
import { sendProblem } from './problem-handler.js';

export interface ReadinessChecks {
  database: () => Promise<void>;
  contentLoaded: () => boolean;
}

const Status = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Literal('ok'),
  checks: Type.Object({ database: Type.Literal('ok'), content: Type.Literal('ok') }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ checks: ReadinessChecks }> = async (app, { checks }) => {
  app.get(
    '/healthz',
    { config: publicRoute, schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Status } } },
    (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/readyz',
    {
      config: publicRoute,
      schema: { tags: ['operations'], summary: 'Readiness', response: { 200: Ready } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const failures: string[] = [];
      try {
        await checks.database();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        failures.push('the database does not answer');
      }
      if (!checks.contentLoaded()) failures.push('roadmap content is not loaded');
      if (failures.length > 0) {
        return sendProblem(reply, problem(503, `Not ready: ${failures.join('; ')}.`, '/readyz'));
      }
      return { status: 'ok' as const, checks: { database: 'ok' as const, content: 'ok' as const } };
    },
  );
};
