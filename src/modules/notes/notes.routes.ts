/** `/me/roadmaps/{slug}/topics/{topicId}/notes`: the signed-in learner's note on a topic. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../../http/problem.js';
import { TopicParams } from '../progress/progress.schemas.js';
import { notesPolicy as policy } from './notes.policy.js';
import { IfMatchHeaders, Note, NoteBody, NoteConflict } from './notes.schemas.js';
import type { NotesService } from './notes.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const url = '/me/roadmaps/:slug/topics/:topicId/notes';

const keyOf = (userId: string, params: { slug: string; topicId: string }) => ({
  userId,
  roadmapSlug: params.slug,
  topicId: params.topicId,
});

export const notesRoutes: FastifyPluginAsyncTypebox<{ notes: NotesService }> = async (
  app,
  { notes },
) => {
  app.get(
    url,
    {
      config: policy.read,
      schema: {
        operationId: 'getTopicNote',
        tags: ['progress'],
        summary: 'Your note on a topic',
        description:
          'Private to you. A topic without a note has an empty one. The `ETag` is what a ' +
          'write sends back in `If-Match`. Notes of topics removed from the roadmap stay ' +
          'readable. Needs `progress:read` with a token.',
        security,
        params: TopicParams,
        response: { 200: Note, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { note, etag } = await notes.read(keyOf(request.auth!.userId, request.params));
      reply.header('etag', etag).header('cache-control', 'no-store');
      return note;
    },
  );

  app.put(
    url,
    {
      config: policy.write,
      schema: {
        operationId: 'putTopicNote',
        tags: ['progress'],
        summary: 'Write your note on a topic',
        description:
          'Replaces the note, only if it is still the version you read: send its `ETag` in ' +
          '`If-Match` (or `*` to overwrite any version). Without `If-Match`: 428. When the ' +
          'note changed meanwhile: 412 with the current note in `current`, and nothing ' +
          'written. Topics removed from the roadmap keep their note but take no new one ' +
          '(409). Needs `progress:write` with a token.',
        security,
        params: TopicParams,
        headers: IfMatchHeaders,
        body: NoteBody,
        response: {
          200: Note,
          412: NoteConflict,
          ...problems(400, 401, 403, 404, 409, 415, 428),
        },
      },
    },
    async (request, reply) => {
      const { note, etag } = await notes.write(
        keyOf(request.auth!.userId, request.params),
        request.body.markdown,
        request.headers['if-match'],
      );
      reply.header('etag', etag).header('cache-control', 'no-store');
      return note;
    },
  );
};
