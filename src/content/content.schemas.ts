/**
 * The schema of roadmap content files: roadmap.yaml and each topic's front matter.
 * Unknown fields are errors, so a typo never silently drops data.
 */
import { Type, type Static } from 'typebox';

const Id = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 });
const Text = Type.String({ minLength: 1 });
const IdList = Type.Array(Id, { uniqueItems: true });

export const RoadmapFile = Type.Object(
  {
    slug: Id,
    title: Text,
    description: Text,
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
    sections: Type.Array(
      Type.Object(
        {
          id: Id,
          title: Text,
          summary: Text,
          topics: Type.Array(
            Type.Object(
              {
                id: Id,
                requires: Type.Optional(IdList),
                optional: Type.Optional(Type.Boolean()),
                alternatives: Type.Optional(IdList),
              },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type RoadmapFile = Static<typeof RoadmapFile>;

export const resourceTypes = ['official', 'article', 'video', 'book', 'course'] as const;

export const TopicFrontMatter = Type.Object(
  {
    title: Text,
    summary: Text,
    hours: Type.Number({ minimum: 0.5, maximum: 100 }),
    concepts: Type.Array(Text, { minItems: 1, uniqueItems: true }),
    resources: Type.Array(
      Type.Object(
        {
          type: Type.Enum([...resourceTypes]),
          title: Text,
          url: Type.String({ pattern: '^https://[^\\s]+$' }),
          why: Text,
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    questions: Type.Array(
      Type.Object({ question: Text, answer: Text }, { additionalProperties: false }),
      { minItems: 1 },
    ),
    exercise: Type.Object({ task: Text, done: Text }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type TopicFrontMatter = Static<typeof TopicFrontMatter>;

/** A roadmap as read from its files and checked: everything the loader needs. */
export interface RoadmapContent {
  slug: string;
  title: string;
  description: string;
  version: string;
  contentHash: string;
  sections: {
    id: string;
    title: string;
    summary: string;
    topics: TopicContent[];
  }[];
}

export interface TopicContent extends TopicFrontMatter {
  id: string;
  sectionId: string;
  requires: string[];
  optional: boolean;
  alternatives: string[];
  bodyMarkdown: string;
}
