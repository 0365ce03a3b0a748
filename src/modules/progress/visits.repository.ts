/**
 * SQL for roadmap visits: when a learner last opened each roadmap, and which topics the
 * content added after a given time.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { roadmaps, roadmapVisits, topics } from '../../db/schema.js';

export function createVisitsRepository(db: Database) {
  return {
    /**
     * Records a visit at `now` and returns when the visit before it began. A visit goes on
     * while the learner keeps coming back within `gapMs` of the last time: only a return
     * after a longer gap moves `previous_seen_at`, so reloading keeps what the visit shows.
     * One statement, so two tabs opening at once cannot both roll the visit over.
     */
    async record(
      userId: string,
      roadmapSlug: string,
      now: Date,
      gapMs: number,
    ): Promise<{ previousSeenAt: Date | null }> {
      const cutoff = new Date(now.getTime() - gapMs).toISOString();
      const [row] = await db
        .insert(roadmapVisits)
        .values({ userId, roadmapSlug, lastSeenAt: now, previousSeenAt: null })
        .onConflictDoUpdate({
          target: [roadmapVisits.userId, roadmapVisits.roadmapSlug],
          set: {
            previousSeenAt: sql`case when ${roadmapVisits.lastSeenAt} < ${cutoff}::timestamptz
              then ${roadmapVisits.lastSeenAt} else ${roadmapVisits.previousSeenAt} end`,
            lastSeenAt: sql`greatest(${roadmapVisits.lastSeenAt}, excluded.last_seen_at)`,
          },
        })
        .returning({ previousSeenAt: roadmapVisits.previousSeenAt });
      return { previousSeenAt: row!.previousSeenAt };
    },

    /** Ids of the roadmap's current topics that appeared in the content after `since`. */
    async topicsAddedAfter(roadmapSlug: string, since: Date): Promise<string[]> {
      const rows = await db
        .select({ id: topics.id })
        .from(topics)
        .innerJoin(roadmaps, eq(topics.roadmapId, roadmaps.id))
        .where(
          and(eq(roadmaps.slug, roadmapSlug), isNull(topics.archivedAt), gt(topics.addedAt, since)),
        );
      return rows.map((r) => r.id);
    },
  };
}

export type VisitsRepository = ReturnType<typeof createVisitsRepository>;
