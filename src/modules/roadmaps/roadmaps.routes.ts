/**
 * The roadmap read API under /api/v1. Routes validate, negotiate and send; the service has
 * the representations ready.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendCached } from '../../http/caching.js';
import { negotiate } from '../../http/negotiation.js';
import { ProblemSchema } from '../../http/problem.js';
import { roadmapMediaTypes } from './roadmap-formats.js';
import { roadmapsPolicy } from './roadmaps.policy.js';
import { RoadmapList, RoadmapView, Slug, TopicDetail, TopicId } from './roadmaps.schemas.js';
import type { RoadmapsService } from './roadmaps.service.js';

const cachingHeaders = {
  ETag: { schema: { type: 'string' }, description: 'Strong validator of this representation.' },
  'Cache-Control': { schema: { type: 'string' } },
  'Last-Modified': { schema: { type: 'string' } },
};

/** The offer of the JSON-only routes, one array so negotiation remembers its answers. */
const jsonOnly = ['application/json'] as const;

const notModified = {
  description: 'Not Modified: the copy named in If-None-Match is current.',
  type: 'null',
};

export const roadmapsRoutes: FastifyPluginAsyncTypebox<{ service: RoadmapsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/roadmaps',
    {
      config: roadmapsPolicy.list,
      schema: {
        operationId: 'listRoadmaps',
        tags: ['roadmaps'],
        summary: 'List roadmaps',
        description: 'Every published roadmap with its size and estimated hours.',
        response: {
          200: { ...RoadmapList, description: 'Every published roadmap.', headers: cachingHeaders },
          304: notModified,
          406: ProblemSchema,
        },
      },
    },
    (request, reply) => {
      negotiate(request, jsonOnly);
      return sendCached(request, reply, service.list());
    },
  );

  app.get(
    '/roadmaps/:slug',
    {
      config: roadmapsPolicy.read,
      schema: {
        operationId: 'getRoadmap',
        tags: ['roadmaps'],
        summary: 'Get a roadmap',
        description:
          'The roadmap with its sections, topics, prerequisite edges and server-computed layout. ' +
          'Negotiated by Accept: application/json (default), text/markdown (the whole roadmap as ' +
          'one document), text/html (a standalone printable page) or text/csv (one row per topic).',
        params: Type.Object({ slug: Slug }),
        response: {
          200: {
            description: 'The roadmap, in the negotiated representation.',
            headers: { ...cachingHeaders, Vary: { schema: { type: 'string' } } },
            content: {
              'application/json': { schema: RoadmapView },
              'text/markdown': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          304: notModified,
          404: ProblemSchema,
          406: ProblemSchema,
        },
      },
    },
    (request, reply) => {
      reply.header('vary', 'Accept');
      const roadmap = service.roadmap(request.params.slug);
      const mediaType = negotiate(request, roadmapMediaTypes);
      return sendCached(request, reply, roadmap.representations.get(mediaType)!);
    },
  );

  app.get(
    '/roadmaps/:slug/topics/:topicId',
    {
      config: roadmapsPolicy.readTopic,
      schema: {
        operationId: 'getTopic',
        tags: ['roadmaps'],
        summary: 'Get a topic',
        description:
          'One topic with its full content: body, key concepts, resources, questions, exercise.',
        params: Type.Object({ slug: Slug, topicId: TopicId }),
        response: {
          200: { ...TopicDetail, description: 'The topic.', headers: cachingHeaders },
          304: notModified,
          404: ProblemSchema,
          406: ProblemSchema,
        },
      },
    },
    (request, reply) => {
      negotiate(request, jsonOnly);
      return sendCached(
        request,
        reply,
        service.topicJson(request.params.slug, request.params.topicId),
      );
    },
  );
};
