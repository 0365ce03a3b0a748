/**
 * Schemas of a learner's data export and import. The JSON export is a versioned document
 * (`waymark-progress`, version 1); the import takes the same document, so one schema is the
 * contract of both, of the validation and of the OpenAPI description.
 */
import { Type, type Static } from 'typebox';
import { NOTE_MAX_CHARS, progressSources } from '../../db/progress.schema.js';
import { ProblemSchema } from '../../http/problem.js';
import {
  LINK_TITLE_MAX_CHARS,
  LINK_URL_MAX_CHARS,
  LINKS_PER_TOPIC,
} from '../links/links.schemas.js';
import { ProgressStatus } from '../progress/progress.schemas.js';
import { Slug, TopicId } from '../roadmaps/roadmaps.schemas.js';

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const DOCUMENT_FORMAT = 'waymark-progress';
export const DOCUMENT_VERSION = 1;
/** The largest import accepted, in bytes (413 above it). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Longest concept text a tick is kept against (the content's run to about 80). */
export const CONCEPT_MAX_CHARS = 500;
/** Most ticks one topic may carry in a file (topics have a handful of key concepts). */
export const CHECKS_PER_TOPIC = 200;
/** Most events one topic's history may carry in a file. */
export const HISTORY_MAX_EVENTS = 10_000;

export const exportFormats = ['json', 'csv', 'md'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Enum(exportFormats, {
        description:
          '`json` (lossless, importable), `csv` (one row per topic) or `md` (to read). ' +
          'Takes precedence over Accept.',
      }),
    ),
    roadmap: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
        maxLength: 100,
        description: 'Only this roadmap. Without it: every roadmap you have recorded anything on.',
      }),
    ),
  },
  strict,
);
export type ExportQuery = Static<typeof ExportQuery>;

export const RoadmapParams = Type.Object({ slug: Slug }, strict);

export const ExportedEvent = Type.Object(
  {
    from: Type.Union([ProgressStatus, Type.Null()], {
      description: 'The status before; null for the first change of the topic.',
    }),
    to: ProgressStatus,
    at: DateTime,
    source: Type.Enum(progressSources, { description: 'Where the change was made.' }),
  },
  strict,
);
export type ExportedEvent = Static<typeof ExportedEvent>;

export const ExportedNote = Type.Object(
  {
    markdown: Type.String({ maxLength: NOTE_MAX_CHARS }),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Kept when the topic had no note before.' }),
    ),
    updatedAt: Type.Optional(DateTime),
  },
  strict,
);

export const ExportedLink = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: LINK_URL_MAX_CHARS }),
    title: Type.Optional(Type.String({ maxLength: LINK_TITLE_MAX_CHARS })),
    createdAt: Type.Optional(DateTime),
  },
  strict,
);

export const ExportedCheck = Type.Object(
  {
    concept: Type.String({ minLength: 1, maxLength: CONCEPT_MAX_CHARS }),
    checkedAt: Type.Optional(DateTime),
  },
  strict,
);

export const ExportedTopic = Type.Object(
  {
    id: TopicId,
    title: Type.Optional(Type.String({ description: 'For people reading the file; ignored.' })),
    archived: Type.Optional(
      Type.Boolean({
        description: 'The topic was removed from the roadmap (its data is kept); ignored.',
      }),
    ),
    status: Type.Optional(ProgressStatus),
    statusUpdatedAt: Type.Optional(
      Type.Union([DateTime, Type.Null()], {
        description: 'When the status last changed (the last event of `history`); ignored.',
      }),
    ),
    history: Type.Optional(
      Type.Array(ExportedEvent, {
        maxItems: HISTORY_MAX_EVENTS,
        description:
          'Every change of the status, oldest first; each starts from the status the one ' +
          'before ended at, and the last ends at `status`.',
      }),
    ),
    note: Type.Optional(Type.Union([ExportedNote, Type.Null()], { description: 'Null: no note.' })),
    links: Type.Optional(
      Type.Array(ExportedLink, { maxItems: LINKS_PER_TOPIC, description: 'Oldest first.' }),
    ),
    conceptChecks: Type.Optional(
      Type.Array(ExportedCheck, {
        maxItems: CHECKS_PER_TOPIC,
        description: 'The key concepts ticked, by their text.',
      }),
    ),
  },
  strict,
);
export type ExportedTopic = Static<typeof ExportedTopic>;

export const ExportedRoadmap = Type.Object(
  {
    slug: Slug,
    title: Type.Optional(Type.String({ description: 'For people reading the file; ignored.' })),
    topics: Type.Array(ExportedTopic, {
      description: 'Topics with anything recorded: current ones in roadmap order, then archived.',
    }),
  },
  strict,
);
export type ExportedRoadmap = Static<typeof ExportedRoadmap>;

export const ProgressDocument = Type.Object(
  {
    format: Type.Literal(DOCUMENT_FORMAT),
    version: Type.Literal(DOCUMENT_VERSION),
    exportedAt: Type.Optional(DateTime),
    roadmaps: Type.Array(ExportedRoadmap),
  },
  {
    ...strict,
    description:
      'Everything a learner recorded: per roadmap and topic the status with its full history, ' +
      'the note, personal links and ticked key concepts. Topics removed from a roadmap ' +
      '(`archived`) are included. Fields marked "ignored" are for people reading the file.',
  },
);
export type ProgressDocument = Static<typeof ProgressDocument>;

export const ImportSummary = Type.Object({
  roadmaps: Count,
  topics: Type.Integer({ minimum: 0, description: 'Topics in the file.' }),
  unchanged: Type.Integer({
    minimum: 0,
    description: 'Topics whose recorded state already was the file’s: nothing was written.',
  }),
  statusesChanged: Type.Integer({
    minimum: 0,
    description: 'Topics given the file’s status by a new change recorded as `import`.',
  }),
  historiesRestored: Type.Integer({
    minimum: 0,
    description: 'Topics with no history before, given the file’s history as it is.',
  }),
  notesWritten: Count,
  linksReplaced: Type.Integer({ minimum: 0, description: 'Topics whose links were replaced.' }),
  conceptChecksReplaced: Type.Integer({
    minimum: 0,
    description: 'Topics whose ticked concepts were replaced.',
  }),
});
export type ImportSummary = Static<typeof ImportSummary>;

/** One problem found in an uploaded document. */
export interface ImportError {
  /** JSON Pointer (RFC 6901) to the offending value; '' is the whole document. */
  field: string;
  message: string;
}

export const ImportProblem = Type.Object(
  {
    ...ProblemSchema.properties,
    errors: Type.Array(
      Type.Object({
        field: Type.String({
          description:
            'Where: a JSON Pointer (RFC 6901) into the file, e.g. /roadmaps/0/topics/3/status.',
        }),
        message: Type.String(),
      }),
      { description: 'Every problem found, each with its location (at most the first 200).' },
    ),
    errorCount: Type.Optional(
      Type.Integer({ description: 'How many problems there were, when more than 200.' }),
    ),
  },
  {
    additionalProperties: true,
    description:
      'The file is not a valid export (or names what this server does not know); nothing was imported.',
  },
);
