/**
 * Liveness and readiness for load balancers and orchestrators. /healthz says the process
 * answers; /readyz says it can serve: the database answers and content is loaded.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicRoute } from './access.js';
import { problem, ProblemSchema } from './problem.js';
import { sendProblem } from './problem-handler.js';

export interface ReadinessChecks {
  database: () => Promise<void>;
  contentLoaded: () => boolean;
}

/** A database that hangs is as unready as one that refuses: don't let the probe hang too. */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const Status = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Literal('ok'),
  checks: Type.Object({ database: Type.Literal('ok'), content: Type.Literal('ok') }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ checks: ReadinessChecks }> = async (
  app,
  { checks },
) => {
  app.get(
    '/healthz',
    {
      config: publicRoute,
      schema: {
        operationId: 'getLiveness',
        tags: ['operations'],
        summary: 'Liveness',
        description: 'Answers 200 while the process is up; says nothing about its dependencies.',
        response: { 200: Status },
      },
    },
    (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/readyz',
    {
      config: publicRoute,
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness',
        description: 'Answers 200 when the database answers and content is loaded, 503 otherwise.',
        response: { 200: Ready, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const failures: string[] = [];
      try {
        await withTimeout(checks.database(), 2_000);
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
