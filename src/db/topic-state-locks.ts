/**
 * Query fragments shared by the repositories that change several topics' progress in one
 * transaction (merging browser progress, importing a file): lock the learner's state rows of
 * those topics, creating placeholders for topics without one, so nothing else changes them
 * until the transaction ends; then drop the placeholders that got no event.
 */
import { and, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { topicProgress } from './progress.schema.js';
import { ofTopics } from './topic-conditions.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type LockedTopicState = typeof topicProgress.$inferSelect;

/**
 * Locks in topic-id order, so two transactions locking overlapping topics cannot deadlock.
 * A placeholder has status `not_started`, the epoch as its time and no last event: it stands
 * for "never changed", exactly as a missing row does.
 */
export async function lockTopicStates(
  tx: Transaction,
  userId: string,
  roadmapSlug: string,
  topicIds: readonly string[],
): Promise<Map<string, LockedTopicState>> {
  if (topicIds.length === 0) return new Map();
  const rows = await tx
    .insert(topicProgress)
    .values(
      [...new Set(topicIds)].sort().map((topicId) => ({
        userId,
        roadmapSlug,
        topicId,
        status: 'not_started' as const,
        updatedAt: new Date(0),
        lastEventId: null,
      })),
    )
    .onConflictDoUpdate({
      target: [topicProgress.userId, topicProgress.roadmapSlug, topicProgress.topicId],
      set: { status: sql`${topicProgress.status}` },
    })
    .returning();
  return new Map(rows.map((row) => [row.topicId, row]));
}

/** Deletes the placeholders lockTopicStates left among these topics (rows with no event). */
export async function dropPlaceholders(
  tx: Transaction,
  userId: string,
  roadmapSlug: string,
  topicIds: readonly string[],
): Promise<void> {
  if (topicIds.length === 0) return;
  await tx
    .delete(topicProgress)
    .where(
      and(
        ofTopics(topicProgress, userId, roadmapSlug, topicIds),
        isNull(topicProgress.lastEventId),
      ),
    );
}
