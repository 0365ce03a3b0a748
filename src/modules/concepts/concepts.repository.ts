/** SQL for concept ticks: one row per ticked concept, keyed by the concept's text. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { conceptChecks } from '../../db/schema.js';

/** Whose ticks on which topic: keyed like progress, by the roadmap's slug and topic id. */
export interface ConceptKey {
  userId: string;
  roadmapSlug: string;
  topicId: string;
}

const isTopic = (key: ConceptKey) =>
  and(
    eq(conceptChecks.userId, key.userId),
    eq(conceptChecks.roadmapSlug, key.roadmapSlug),
    eq(conceptChecks.topicId, key.topicId),
  );

export function createConceptsRepository(db: Database) {
  return {
    /** The learner's ticks on the topic: concept text to when it was ticked. */
    async checks(key: ConceptKey): Promise<Map<string, Date>> {
      const rows = await db
        .select({ concept: conceptChecks.concept, checkedAt: conceptChecks.checkedAt })
        .from(conceptChecks)
        .where(isTopic(key));
      return new Map(rows.map((r) => [r.concept, r.checkedAt]));
    },

    /** Ticks the concept; a concept already ticked keeps its first time. */
    async check(key: ConceptKey, concept: string, at: Date): Promise<void> {
      await db
        .insert(conceptChecks)
        .values({ ...key, concept, checkedAt: at })
        .onConflictDoNothing();
    },

    async uncheck(key: ConceptKey, concept: string): Promise<void> {
      await db.delete(conceptChecks).where(and(isTopic(key), eq(conceptChecks.concept, concept)));
    },
  };
}

export type ConceptsRepository = ReturnType<typeof createConceptsRepository>;
