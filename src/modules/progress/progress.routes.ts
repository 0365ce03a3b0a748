/** `/me/roadmaps/{slug}/...`: the signed-in learner's progress on a roadmap. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { progressPolicy as policy, sourceOf } from './progress.policy.js';
import {
  HistoryQuery,
  RoadmapParams,
  RoadmapProgress,
  SetStatusBody,
  SourceHeaders,
  TopicHistory,
  TopicParams,
  TopicStatus,
} from './progress.schemas.js';
import type { ProgressService } from './progress.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

const keyOf = (userId: string, params: { slug: string; topicId: string }) => ({
  userId,
  roadmapSlug: params.slug,
  topicId: params.topicId,
});

export const progressRoutes: FastifyPluginAsyncTypebox<{ progress: ProgressService }> = async (
  app,
  { progress },
) => {
  app.get(
    '/me/roadmaps/:slug/progress',
    {
      config: policy.read,
      schema: {
        operationId: 'getRoadmapProgress',
        tags: ['progress'],
        summary: 'Your progress on a roadmap',
        description:
          "Every current topic's status, how many topics have each status, and how complete " +
          'each section and the whole roadmap are. Needs `progress:read` with a token.',
        security,
        params: RoadmapParams,
        response: { 200: RoadmapProgress, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return progress.progress(request.auth!.userId, request.params.slug);
    },
  );

  app.put(
    '/me/roadmaps/:slug/topics/:topicId/status',
    {
      config: policy.setStatus,
      schema: {
        operationId: 'setTopicStatus',
        tags: ['progress'],
        summary: "Set a topic's status",
        description:
          'Idempotent: sending the status the topic already has records nothing and answers ' +
          "with the same state (`changed: false`). Every change is kept in the topic's " +
          'history. A topic removed from the roadmap keeps its history but takes no new ' +
          'status (409). Needs `progress:write` with a token.',
        security,
        params: TopicParams,
        headers: SourceHeaders,
        body: SetStatusBody,
        response: { 200: TopicStatus, ...problems(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const source = sourceOf(request.auth!.via, request.headers['x-waymark-source']);
      reply.header('cache-control', 'no-store');
      return progress.setStatus(
        keyOf(request.auth!.userId, request.params),
        request.body.status,
        source,
      );
    },
  );

  app.get(
    '/me/roadmaps/:slug/topics/:topicId/history',
    {
      config: policy.read,
      schema: {
        operationId: 'getTopicHistory',
        tags: ['progress'],
        summary: "A topic's history",
        description:
          "Your changes of the topic's status, newest first, with where each was made. Topics " +
          'removed from the roadmap keep theirs. Needs `progress:read` with a token.',
        security,
        params: TopicParams,
        querystring: HistoryQuery,
        response: { 200: TopicHistory, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return progress.history(keyOf(request.auth!.userId, request.params), request.query.limit);
    },
  );
};
