/** `/me/learning-settings`: the signed-in learner's goal, pace, WIP limit and time zone. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { learningSettingsPolicy as policy } from './learning-settings.policy.js';
import { LearningSettings, UpdateLearningSettingsBody } from './learning-settings.schemas.js';
import type { LearningSettingsService } from './learning-settings.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const url = '/me/learning-settings';

export const learningSettingsRoutes: FastifyPluginAsyncTypebox<{
  learningSettings: LearningSettingsService;
}> = async (app, { learningSettings }) => {
  app.get(
    url,
    {
      config: policy.read,
      schema: {
        operationId: 'getLearningSettings',
        tags: ['progress'],
        summary: 'Your learning settings',
        description:
          'Work-in-progress limit, weekly goal, hours per week and time zone; the defaults ' +
          'until you change one. Needs `progress:read` with a token.',
        security,
        response: { 200: LearningSettings, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return learningSettings.settings(request.auth!.userId);
    },
  );

  app.patch(
    url,
    {
      config: policy.update,
      schema: {
        operationId: 'updateLearningSettings',
        tags: ['progress'],
        summary: 'Change your learning settings',
        description:
          'Send only the settings to change. Invalid values (out of range, an unknown time ' +
          'zone) are refused with 400 and change nothing. Answers with all your settings. ' +
          'Needs `progress:write` with a token.',
        security,
        body: UpdateLearningSettingsBody,
        response: { 200: LearningSettings, ...problems(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return learningSettings.update(request.auth!.userId, request.body);
    },
  );
};
