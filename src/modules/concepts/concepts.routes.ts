/** `/me/roadmaps/{slug}/topics/{topicId}/concepts`: the learner's checklist of key concepts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { TopicParams } from '../progress/progress.schemas.js';
import { conceptsPolicy as policy } from './concepts.policy.js';
import { ConceptChecklist, ConceptParams } from './concepts.schemas.js';
import type { ConceptsService } from './concepts.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const url = '/me/roadmaps/:slug/topics/:topicId/concepts';

const keyOf = (userId: string, params: { slug: string; topicId: string }) => ({
  userId,
  roadmapSlug: params.slug,
  topicId: params.topicId,
});

export const conceptsRoutes: FastifyPluginAsyncTypebox<{ concepts: ConceptsService }> = async (
  app,
  { concepts },
) => {
  app.get(
    url,
    {
      config: policy.read,
      schema: {
        operationId: 'getConceptChecklist',
        tags: ['progress'],
        summary: "A topic's key concepts with your ticks",
        description:
          'Each concept with its `id` (for ticking it) and whether you ticked it, and how many ' +
          'of them you ticked. Needs `progress:read` with a token.',
        security,
        params: TopicParams,
        response: { 200: ConceptChecklist, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return concepts.checklist(keyOf(request.auth!.userId, request.params));
    },
  );

  for (const [method, checked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: `${url}/:conceptId`,
      config: policy.write,
      schema: {
        operationId: checked ? 'checkConcept' : 'uncheckConcept',
        tags: ['progress'],
        summary: checked ? 'Tick a key concept' : 'Untick a key concept',
        description:
          `Idempotent: ${checked ? 'ticking a ticked' : 'unticking an unticked'} concept ` +
          'changes nothing. Answers with the whole checklist. 404 when the topic has no ' +
          'concept with this id (also when it was reworded since you read the list); 409 for ' +
          'a topic removed from the roadmap. Needs `progress:write` with a token.',
        security,
        params: ConceptParams,
        response: { 200: ConceptChecklist, ...problems(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return concepts.setChecked(
          keyOf(request.auth!.userId, request.params),
          request.params.conceptId,
          checked,
        );
      },
    });
  }
};
