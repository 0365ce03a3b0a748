/**
 * Request and response schemas of the progress API: one learner's status per topic, a
 * roadmap's progress summary, and a topic's history of changes.
 */
import { Type, type Static } from 'typebox';
import { progressSources, progressStatuses } from '../../db/progress.schema.js';
import { Slug, TopicId } from '../roadmaps/roadmaps.schemas.js';

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const ProgressStatus = Type.Enum(progressStatuses, {
  description:
    '`not_started`, `learning`, `done`, `skipped` (decided not to learn it), or `review` ' +
    '(learned, due for revision).',
});

export const RoadmapParams = Type.Object({ slug: Slug }, strict);
export const TopicParams = Type.Object({ slug: Slug, topicId: TopicId }, strict);

export const SetStatusBody = Type.Object({ status: ProgressStatus }, strict);
export type SetStatusBody = Static<typeof SetStatusBody>;

export const SourceHeaders = Type.Object({
  'x-waymark-source': Type.Optional(
    Type.Enum(['api', 'cli'], {
      description:
        'Where the change comes from, recorded in the history: `cli` for the Waymark command ' +
        'line. Only with a bearer token (which is recorded as `api` without it); browser ' +
        'sessions are always recorded as `web`.',
    }),
  ),
});
export type ClaimedSource = Static<typeof SourceHeaders>['x-waymark-source'];

export const TopicStatus = Type.Object({
  roadmapSlug: Slug,
  topicId: TopicId,
  status: ProgressStatus,
  updatedAt: Type.Union([DateTime, Type.Null()], {
    description: 'When the status last changed; null when it never has.',
  }),
  changed: Type.Boolean({
    description: 'False when the topic already had this status: nothing was recorded.',
  }),
});
export type TopicStatus = Static<typeof TopicStatus>;

export const StatusCounts = Type.Object(
  { not_started: Count, learning: Count, done: Count, skipped: Count, review: Count },
  { description: "How many of the roadmap's current topics have each status." },
);

/** How complete a roadmap or section is; the public profile shows the same figures. */
export const Completion = {
  topics: Count,
  complete: Type.Integer({ minimum: 0, description: 'Topics done, skipped or in review.' }),
  percent: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: 'complete / topics, rounded down: 100 only when every topic is complete.',
  }),
};

export const RoadmapProgress = Type.Object(
  {
    roadmapSlug: Slug,
    topics: Type.Array(
      Type.Object({
        topicId: TopicId,
        sectionId: Type.String(),
        status: ProgressStatus,
        updatedAt: Type.Union([DateTime, Type.Null()]),
      }),
      { description: 'Every topic on the roadmap, in roadmap order.' },
    ),
    counts: StatusCounts,
    sections: Type.Array(
      Type.Object({ sectionId: Type.String(), title: Type.String(), ...Completion }),
      { description: 'Completion of each section, in roadmap order.' },
    ),
    total: Type.Object(Completion, { description: 'Completion of the whole roadmap.' }),
  },
  {
    description:
      "The learner's progress on the roadmap's current topics. A topic counts as complete " +
      'when it is `done`, `skipped` (the learner chose to leave it out, so it does not hold ' +
      'the bar back) or `review` (learned and due for revision: revisiting a topic never ' +
      'makes the bar go back). Topics never marked are `not_started`.',
  },
);
export type RoadmapProgress = Static<typeof RoadmapProgress>;

export const HistoryQuery = Type.Object(
  {
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'At most this many events, the newest.',
    }),
  },
  strict,
);

export const ProgressEvent = Type.Object({
  from: Type.Union([ProgressStatus, Type.Null()], {
    description: 'The status before; null for the first change of the topic.',
  }),
  to: ProgressStatus,
  at: DateTime,
  source: Type.Enum(progressSources, { description: 'Where the change was made.' }),
});
export type ProgressEvent = Static<typeof ProgressEvent>;

export const TopicHistory = Type.Object({
  roadmapSlug: Slug,
  topicId: TopicId,
  events: Type.Array(ProgressEvent, { description: 'Newest first.' }),
});
export type TopicHistory = Static<typeof TopicHistory>;

/** Most changes one merge takes: a browser keeps at most 20 per topic (see web/src/lib). */
export const MERGE_MAX_CHANGES = 2000;

export const MergeChange = Type.Object(
  {
    topicId: TopicId,
    from: Type.Union([ProgressStatus, Type.Null()], {
      description: 'The status before, as the browser had it; null when it had none.',
    }),
    to: ProgressStatus,
    at: Type.String({
      format: 'date-time',
      description: 'When the change was made; a time in the future is taken as now.',
    }),
  },
  strict,
);
export type MergeChange = Static<typeof MergeChange>;

export const MergeBody = Type.Object(
  {
    changes: Type.Array(MergeChange, {
      maxItems: MERGE_MAX_CHANGES,
      description: 'Changes made without an account, in any order.',
    }),
  },
  strict,
);
export type MergeBody = Static<typeof MergeBody>;

export const MergeResult = Type.Object({
  roadmapSlug: Slug,
  recorded: Type.Integer({ minimum: 0, description: 'Changes added to the history.' }),
  alreadyRecorded: Type.Integer({
    minimum: 0,
    description: 'Changes left out because the history already has them (a merge sent twice).',
  }),
  applied: Type.Array(TopicId, {
    description: 'Topics whose status is now the merged one: its last change was the later.',
  }),
  kept: Type.Array(TopicId, {
    description: "Topics that kept the account's status: it changed later than the merged one.",
  }),
  progress: RoadmapProgress,
});
export type MergeResult = Static<typeof MergeResult>;

export const RoadmapVisit = Type.Object({
  roadmapSlug: Slug,
  previousVisitAt: Type.Union([DateTime, Type.Null()], {
    description: 'When the visit before this one began; null on the first visit.',
  }),
  newTopicIds: Type.Array(TopicId, {
    description:
      'Topics added to the roadmap since the previous visit, in roadmap order; none on the ' +
      'first visit.',
  }),
});
export type RoadmapVisit = Static<typeof RoadmapVisit>;
