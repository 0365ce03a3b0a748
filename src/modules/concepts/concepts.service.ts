/**
 * The key concepts of a topic as the learner's checklist, ticked one by one. The concepts
 * come from the content (the roadmaps catalog); a tick is stored against a concept's text and
 * setting it is idempotent: ticking a ticked concept, or unticking an unticked one, changes
 * nothing and answers with the same checklist.
 */
import { AppError, notFound } from '../../http/errors.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import { conceptId } from './concept-id.js';
import type { ConceptKey, ConceptsRepository } from './concepts.repository.js';
import type { ConceptChecklist } from './concepts.schemas.js';

export interface ConceptsServiceOptions {
  repository: ConceptsRepository;
  roadmaps: Pick<RoadmapsService, 'topicState' | 'roadmap'>;
  now?: () => Date;
}

export function createConceptsService({
  repository,
  roadmaps,
  now = () => new Date(),
}: ConceptsServiceOptions) {
  /**
   * The topic's concepts, or for a topic removed from the roadmap, null: its concepts are no
   * longer in the catalog.
   */
  async function conceptsOf(key: ConceptKey): Promise<string[] | null> {
    if ((await roadmaps.topicState(key.roadmapSlug, key.topicId)) === 'archived') return null;
    return roadmaps.roadmap(key.roadmapSlug).topics.get(key.topicId)!.concepts;
  }

  async function checklist(key: ConceptKey, current: string[] | null): Promise<ConceptChecklist> {
    const checks = await repository.checks(key);
    // An archived topic shows what the learner ticked, which is all that is left of its list.
    const texts = current ?? [...checks.keys()].sort();
    const concepts = texts.map((text) => {
      const at = checks.get(text);
      return {
        id: conceptId(text),
        text,
        checked: at !== undefined,
        checkedAt: at?.toISOString() ?? null,
      };
    });
    return {
      roadmapSlug: key.roadmapSlug,
      topicId: key.topicId,
      archived: current === null,
      concepts,
      checked: concepts.filter((c) => c.checked).length,
      total: concepts.length,
    };
  }

  return {
    async checklist(key: ConceptKey): Promise<ConceptChecklist> {
      return checklist(key, await conceptsOf(key));
    },

    async setChecked(key: ConceptKey, id: string, checked: boolean): Promise<ConceptChecklist> {
      const current = await conceptsOf(key);
      if (current === null) {
        throw new AppError(
          'conflict',
          `Topic "${key.topicId}" was removed from roadmap "${key.roadmapSlug}"; its ticks are ` +
            'kept, but can no longer change.',
        );
      }
      const text = current.find((c) => conceptId(c) === id);
      if (text === undefined) {
        throw notFound(`Concept "${id}" of topic "${key.topicId}" (it may have been reworded)`);
      }
      if (checked) await repository.check(key, text, now());
      else await repository.uncheck(key, text);
      return checklist(key, current);
    },
  };
}

export type ConceptsService = ReturnType<typeof createConceptsService>;
