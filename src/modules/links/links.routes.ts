/** `/me/roadmaps/{slug}/topics/{topicId}/links`: the signed-in learner's own links on a topic. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema } from '../../http/problem.js';
import { TopicParams } from '../progress/progress.schemas.js';
import { linksPolicy as policy } from './links.policy.js';
import { Link, LinkParams, LINKS_PER_TOPIC, NewLinkBody, TopicLinks } from './links.schemas.js';
import type { LinksService } from './links.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const url = '/me/roadmaps/:slug/topics/:topicId/links';

const keyOf = (userId: string, params: { slug: string; topicId: string }) => ({
  userId,
  roadmapSlug: params.slug,
  topicId: params.topicId,
});

export const linksRoutes: FastifyPluginAsyncTypebox<{ links: LinksService }> = async (
  app,
  { links },
) => {
  app.get(
    url,
    {
      config: policy.read,
      schema: {
        operationId: 'listTopicLinks',
        tags: ['progress'],
        summary: 'Your links on a topic',
        description:
          'Private to you, oldest first. Topics removed from the roadmap keep theirs, ' +
          'readable. Needs `progress:read` with a token.',
        security,
        params: TopicParams,
        response: { 200: TopicLinks, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return links.list(keyOf(request.auth!.userId, request.params));
    },
  );

  app.post(
    url,
    {
      config: policy.write,
      schema: {
        operationId: 'addTopicLink',
        tags: ['progress'],
        summary: 'Add a link to a topic',
        description:
          'Keeps an http(s) link on the topic, titled with its host when no title is given. ' +
          `A topic holds at most ${LINKS_PER_TOPIC} links, each URL once: either refused ` +
          'with 409. Topics removed from the roadmap take no new links (409). Needs ' +
          '`progress:write` with a token.',
        security,
        params: TopicParams,
        body: NewLinkBody,
        response: { 201: Link, ...problems(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const link = await links.add(keyOf(request.auth!.userId, request.params), request.body);
      return reply.code(201).header('cache-control', 'no-store').send(link);
    },
  );

  app.delete(
    `${url}/:linkId`,
    {
      config: policy.write,
      schema: {
        operationId: 'removeTopicLink',
        tags: ['progress'],
        summary: 'Remove a link from a topic',
        description:
          "404 when the topic holds no such link of yours (someone else's link is not " +
          'found either). Topics removed from the roadmap keep their links (409). Needs ' +
          '`progress:write` with a token.',
        security,
        params: LinkParams,
        response: {
          204: Type.Null({ description: 'Removed.' }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await links.remove(keyOf(request.auth!.userId, request.params), request.params.linkId);
      return reply.code(204).header('cache-control', 'no-store').send(null);
    },
  );
};
