/**
 * Request and response schemas of the roadmap read API. Each schema is the single source
 * for validation, the TypeScript type (Static<>), and the OpenAPI document.
 */
import { Type, type Static } from 'typebox';

export const Slug = Type.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 100,
  description: 'Stable identifier of a roadmap (lowercase letters, digits, hyphens).',
});
export const TopicId = Type.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 100,
  description: 'Stable identifier of a topic within its roadmap.',
});

const Box = Type.Object(
  {
    x: Type.Number({ description: 'Left edge, in layout units.' }),
    y: Type.Number({ description: 'Top edge, in layout units.' }),
    width: Type.Number(),
    height: Type.Number(),
  },
  { description: 'A rectangle in the layout computed by the server.' },
);

export const RoadmapSummary = Type.Object({
  slug: Slug,
  title: Type.String(),
  description: Type.String(),
  version: Type.String(),
  sectionCount: Type.Integer(),
  topicCount: Type.Integer(),
  totalHours: Type.Number(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type RoadmapSummary = Static<typeof RoadmapSummary>;

export const RoadmapList = Type.Object({ items: Type.Array(RoadmapSummary) });
export type RoadmapList = Static<typeof RoadmapList>;

export const SectionView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  topicIds: Type.Array(Type.String()),
  box: Box,
});

export const TopicNode = Type.Object({
  id: TopicId,
  sectionId: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  optional: Type.Boolean(),
  alternatives: Type.Array(Type.String()),
  concepts: Type.Array(Type.String()),
  hours: Type.Number(),
  box: Box,
});

export const Edge = Type.Object({
  from: Type.String({ description: 'The prerequisite topic.' }),
  to: Type.String({ description: 'The topic that requires it.' }),
  crossSection: Type.Boolean({
    description: 'True when the two topics are in different sections (drawn only on demand).',
  }),
  points: Type.Array(Type.Object({ x: Type.Number(), y: Type.Number() }), {
    description: 'Polyline of the edge route, computed by the server.',
  }),
});

export const RoadmapView = Type.Object({
  slug: Slug,
  title: Type.String(),
  description: Type.String(),
  version: Type.String(),
  contentHash: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  layout: Type.Object({ width: Type.Number(), height: Type.Number() }),
  sections: Type.Array(SectionView),
  topics: Type.Array(TopicNode),
  edges: Type.Array(Edge),
});

export const Resource = Type.Object({
  type: Type.Union([
    Type.Literal('official'),
    Type.Literal('article'),
    Type.Literal('video'),
    Type.Literal('book'),
    Type.Literal('course'),
  ]),
  title: Type.String(),
  url: Type.String({ format: 'uri' }),
  why: Type.String(),
});

export const TopicDetail = Type.Object({
  id: TopicId,
  roadmapSlug: Slug,
  sectionId: Type.String(),
  sectionTitle: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  optional: Type.Boolean(),
  alternatives: Type.Array(Type.String()),
  prerequisites: Type.Array(Type.String()),
  dependents: Type.Array(Type.String()),
  hours: Type.Number(),
  concepts: Type.Array(Type.String()),
  resources: Type.Array(Resource),
  questions: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  exercise: Type.Object({ task: Type.String(), done: Type.String() }),
  bodyMarkdown: Type.String(),
  bodyHtml: Type.String({ description: 'The body rendered to sanitized HTML.' }),
});

export type RoadmapView = Static<typeof RoadmapView>;
export type TopicNode = Static<typeof TopicNode>;
export type TopicDetail = Static<typeof TopicDetail>;
export type Resource = Static<typeof Resource>;
