/** Request and response schemas of a learner's checklist of a topic's key concepts. */
import { Type, type Static } from 'typebox';
import { TopicParams } from '../progress/progress.schemas.js';
import { Slug, TopicId } from '../roadmaps/roadmaps.schemas.js';
import { CONCEPT_ID_PATTERN } from './concept-id.js';

const strict = { additionalProperties: false } as const;
const Count = Type.Integer({ minimum: 0 });

export const ConceptParams = Type.Object(
  {
    ...TopicParams.properties,
    conceptId: Type.String({
      pattern: CONCEPT_ID_PATTERN,
      description:
        "The concept's `id` from the checklist: derived from its text, so it stays the same " +
        'while the wording does, wherever the concept moves in the list.',
    }),
  },
  strict,
);

export const Concept = Type.Object({
  id: Type.String({ pattern: CONCEPT_ID_PATTERN }),
  text: Type.String(),
  checked: Type.Boolean(),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When you ticked it; null when you have not.',
  }),
});
export type Concept = Static<typeof Concept>;

export const ConceptChecklist = Type.Object(
  {
    roadmapSlug: Slug,
    topicId: TopicId,
    archived: Type.Boolean({
      description:
        'The topic was removed from the roadmap: its concepts are no longer in the content, ' +
        'so the list holds only the ones you ticked, and takes no changes.',
    }),
    concepts: Type.Array(Concept, { description: "In the topic's order." }),
    checked: Count,
    total: Count,
  },
  {
    description:
      "The topic's key concepts with your ticks: `checked` of `total` ticked. A tick is kept " +
      "against the concept's wording; when the content rewords a concept its tick is not " +
      'shown (and comes back if the wording does).',
  },
);
export type ConceptChecklist = Static<typeof ConceptChecklist>;
