/**
 * `/me/export`, `/me/roadmaps/{slug}/export.html` and `/me/import`: the signed-in learner's
 * data out (as files to download) and back in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { negotiate } from '../../http/negotiation.js';
import { ProblemSchema } from '../../http/problem.js';
import { htmlExportCsp } from '../roadmaps/roadmap-formats.js';
import type { SchemaIssue } from './import-validation.js';
import { portabilityPolicy as policy } from './portability.policy.js';
import {
  ExportQuery,
  ImportProblem,
  ImportSummary,
  IMPORT_MAX_BYTES,
  ProgressDocument,
  RoadmapParams,
  type ExportFormat,
} from './portability.schemas.js';
import type { PortabilityService } from './portability.service.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

const formats = {
  json: { mediaType: 'application/json', contentType: 'application/json; charset=utf-8' },
  csv: { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8; header=present' },
  md: { mediaType: 'text/markdown', contentType: 'text/markdown; charset=utf-8' },
} as const satisfies Record<ExportFormat, { mediaType: string; contentType: string }>;
const byMediaType = new Map(
  Object.entries(formats).map(([format, f]) => [f.mediaType, format as ExportFormat]),
);
/** The offer for content negotiation, one array so negotiation remembers its answers. */
const formatMediaTypes = Object.values(formats).map((f) => f.mediaType);

/** A download: saved under `filename`, never shown in place, never cached. */
function download(reply: FastifyReply, filename: string, contentType: string, body: string) {
  return reply
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .type(contentType)
    .send(body);
}

const today = () => new Date().toISOString().slice(0, 10);

export const portabilityRoutes: FastifyPluginAsyncTypebox<{
  portability: PortabilityService;
}> = async (app, { portability }) => {
  app.get(
    '/me/export',
    {
      config: policy.export,
      schema: {
        operationId: 'exportProgress',
        tags: ['progress'],
        summary: 'Export your progress, notes and links',
        description:
          'Everything you recorded, as a file to download. `json` is lossless: per roadmap and ' +
          'topic the status with its full history, the note, your links and ticked key ' +
          'concepts, topics removed from a roadmap included; `POST /me/import` takes it back. ' +
          '`csv` has one row per topic, `md` is for reading. Choose with `format` or Accept ' +
          '(application/json, text/csv, text/markdown). Needs `progress:read` with a token.',
        security,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The export, as an attachment.',
            headers: { 'Content-Disposition': { schema: { type: 'string' } } },
            content: {
              'application/json': { schema: ProgressDocument },
              'text/csv': { schema: { type: 'string' } },
              'text/markdown': { schema: { type: 'string' } },
            },
          },
          ...problems(400, 401, 403, 404, 406),
        },
      },
    },
    async (request, reply) => {
      const { roadmap } = request.query;
      const format = request.query.format ?? byMediaType.get(negotiate(request, formatMediaTypes))!;
      const userId = request.auth!.userId;
      const body =
        format === 'json'
          ? `${JSON.stringify(await portability.json(userId, roadmap), null, 2)}\n`
          : format === 'csv'
            ? await portability.csv(userId, roadmap)
            : await portability.markdown(userId, roadmap);
      reply.header('vary', 'Accept');
      const name = `waymark-progress${roadmap ? `-${roadmap}` : ''}-${today()}.${format}`;
      return download(reply, name, formats[format].contentType, body);
    },
  );

  app.get(
    '/me/roadmaps/:slug/export.html',
    {
      config: policy.export,
      schema: {
        operationId: 'exportRoadmapHtml',
        tags: ['progress'],
        summary: 'A roadmap with your progress, as one offline HTML file',
        description:
          "The roadmap's printable page (its whole content) with your status, note, links and " +
          'ticked concepts on each topic, in one file that needs nothing else: no scripts, ' +
          'nothing loaded from elsewhere. Notes are rendered from Markdown with anything ' +
          'that is not Markdown escaped. Needs `progress:read` with a token.',
        security,
        params: RoadmapParams,
        response: {
          200: {
            description: 'The page, as an attachment.',
            headers: { 'Content-Disposition': { schema: { type: 'string' } } },
            content: { 'text/html': { schema: { type: 'string' } } },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const html = await portability.html(request.auth!.userId, slug);
      // Its own policy: its inline stylesheet, allowed by hash, and nothing else.
      reply.header('content-security-policy', htmlExportCsp);
      return download(reply, `waymark-${slug}-${today()}.html`, 'text/html; charset=utf-8', html);
    },
  );

  app.post(
    '/me/import',
    {
      config: policy.import,
      bodyLimit: IMPORT_MAX_BYTES,
      // The schema's errors go to the service, which adds what only the server can check and
      // answers with all of them together.
      attachValidation: true,
      schema: {
        operationId: 'importProgress',
        tags: ['progress'],
        summary: 'Import progress, notes and links from an export',
        description:
          'Takes the JSON of `GET /me/export` (at most 5 MB), checks all of it first, and ' +
          'either imports all of it in one transaction or nothing: 422 lists every problem ' +
          'with its place in the file (a JSON Pointer such as /roadmaps/0/topics/3/status). ' +
          '**The file wins for the topics it holds**, field by field: a status, note, links ' +
          'or ticked concepts in the file replace yours on that topic; topics not in the ' +
          'file, and fields a topic leaves out, are left as they are. A topic with no ' +
          "history yet takes the file's history as it is (dates and sources kept); a topic " +
          'with a history keeps it and, when its status differs, gets one change recorded ' +
          "as `import`. What already matches is not written, so importing an account's own " +
          'fresh export changes nothing. Topics removed from a roadmap (archived) may be ' +
          'imported too. Needs `progress:write` with a token.',
        security,
        body: ProgressDocument,
        response: {
          200: ImportSummary,
          422: ImportProblem,
          ...problems(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return portability.import(
        request.auth!.userId,
        request.body,
        (request.validationError?.validation ?? []) as readonly SchemaIssue[],
      );
    },
  );
};
