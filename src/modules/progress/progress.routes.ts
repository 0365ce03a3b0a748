/** `/me/roadmaps/{slug}/...`: the signed-in learner's progress on a roadmap. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { progressPolicy as policy, sourceOf } from './progress.policy.js';
import {
  HistoryQuery,
  MergeBody,
  MergeResult,
  RoadmapParams,
  RoadmapProgress,
  RoadmapVisit,
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

  app.post(
    '/me/roadmaps/:slug/progress/merge',
    {
      config: policy.merge,
      schema: {
        operationId: 'mergeRoadmapProgress',
        tags: ['progress'],
        summary: 'Merge progress made without an account',
        description:
          'What the web app sends after signing in: the changes a visitor made in the ' +
          "browser, each with its time. Every change is added to the topic's history (one " +
          'already there is not added again); for each topic the later change wins, whether ' +
          "it is the merged one or the account's own. All or nothing: an unknown or removed " +
          'topic fails the merge with 400 listing each such change, and nothing is recorded. ' +
          'Needs `progress:write` with a token.',
        security,
        params: RoadmapParams,
        headers: SourceHeaders,
        body: MergeBody,
        response: { 200: MergeResult, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const source = sourceOf(request.auth!.via, request.headers['x-waymark-source']);
      reply.header('cache-control', 'no-store');
      return progress.merge(
        request.auth!.userId,
        request.params.slug,
        request.body.changes,
        source,
      );
    },
  );

  app.post(
    '/me/roadmaps/:slug/visits',
    {
      config: policy.visit,
      schema: {
        operationId: 'recordRoadmapVisit',
        tags: ['progress'],
        summary: 'Record a visit to a roadmap',
        description:
          'Call when the learner opens the roadmap. Answers with the topics added to it since ' +
          'their previous visit (none on the first). Coming back within 30 minutes continues ' +
          'the same visit, so a reload shows the same new topics. Needs `progress:write` with ' +
          'a token.',
        security,
        params: RoadmapParams,
        response: { 200: RoadmapVisit, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return progress.visit(request.auth!.userId, request.params.slug);
    },
  );
};
