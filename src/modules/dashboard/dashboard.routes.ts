/** `/me/dashboard`: the signed-in learner's streak, heatmap, weekly goal, plans and forecasts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { dashboardPolicy as policy } from './dashboard.policy.js';
import { Dashboard, DashboardQuery } from './dashboard.schemas.js';
import type { DashboardService } from './dashboard.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ dashboard: DashboardService }> = async (
  app,
  { dashboard },
) => {
  app.get(
    '/me/dashboard',
    {
      config: policy.read,
      schema: {
        operationId: 'getDashboard',
        tags: ['progress'],
        summary: 'Your dashboard',
        description:
          'Your streak and activity heatmap (days in your time zone), progress towards your ' +
          'weekly goal, and for each roadmap you have progress on: completion, the pace ' +
          'planner, a forecast from your own completion history, and what changed in the ' +
          'content since you finished a section. Needs `progress:read` with a token.',
        security,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return dashboard.dashboard(request.auth!.userId, request.query.roadmap);
    },
  );
};
