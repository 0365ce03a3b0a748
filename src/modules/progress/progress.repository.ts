/**
 * SQL for progress. A status change appends an event and moves the current state in one
 * transaction, with the learner's row for that topic locked first: concurrent changes to one
 * topic take effect one at a time, in the order their events are numbered, so the current
 * state is always the last event's.
 */
import { and, desc, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  progressEvents,
  topicProgress,
  type ProgressSource,
  type ProgressStatus,
} from '../../db/schema.js';

export type ProgressEventRow = typeof progressEvents.$inferSelect;

export interface TopicKey {
  userId: string;
  roadmapSlug: string;
  topicId: string;
}

export interface StatusChange extends TopicKey {
  status: ProgressStatus;
  source: ProgressSource;
  at: Date;
}

export interface TopicState {
  status: ProgressStatus;
  /** Null when the topic has never had a recorded change. */
  updatedAt: Date | null;
  changed: boolean;
}

const isTopic = (key: TopicKey) =>
  and(
    eq(topicProgress.userId, key.userId),
    eq(topicProgress.roadmapSlug, key.roadmapSlug),
    eq(topicProgress.topicId, key.topicId),
  );

export function createProgressRepository(db: Database) {
  return {
    /**
     * Sets a topic's status. When it already has that status nothing is written (the
     * transaction is rolled back) and `changed` is false.
     */
    async setStatus(change: StatusChange): Promise<TopicState> {
      const { status, source, at, ...key } = change;
      let unchanged: TopicState | undefined;
      try {
        return await db.transaction(async (tx) => {
          // Locks the row, inserting a placeholder when the topic has no state yet (so that
          // two first changes cannot both go ahead); a placeholder has no last event.
          const [current] = await tx
            .insert(topicProgress)
            .values({ ...key, status: 'not_started', updatedAt: at, lastEventId: null })
            .onConflictDoUpdate({
              target: [topicProgress.userId, topicProgress.roadmapSlug, topicProgress.topicId],
              set: { status: sql`${topicProgress.status}` },
            })
            .returning();
          const known = current!.lastEventId !== null;
          if (current!.status === status) {
            unchanged = { status, updatedAt: known ? current!.updatedAt : null, changed: false };
            tx.rollback();
          }
          // Never earlier than the change before it, whatever the clocks of the instances.
          const effective = known && current!.updatedAt > at ? current!.updatedAt : at;
          const [event] = await tx
            .insert(progressEvents)
            .values({
              ...key,
              fromStatus: known ? current!.status : null,
              toStatus: status,
              at: effective,
              source,
            })
            .returning({ id: progressEvents.id });
          await tx
            .update(topicProgress)
            .set({ status, updatedAt: effective, lastEventId: event!.id })
            .where(isTopic(key));
          return { status, updatedAt: effective, changed: true };
        });
      } catch (error) {
        if (error instanceof TransactionRollbackError && unchanged) return unchanged;
        throw error;
      }
    },

    /** The learner's stored states on one roadmap (topics never changed have none). */
    async states(userId: string, roadmapSlug: string) {
      return db
        .select({
          topicId: topicProgress.topicId,
          status: topicProgress.status,
          updatedAt: topicProgress.updatedAt,
        })
        .from(topicProgress)
        .where(and(eq(topicProgress.userId, userId), eq(topicProgress.roadmapSlug, roadmapSlug)));
    },

    /** A topic's events, newest first. */
    async history(key: TopicKey, limit: number): Promise<ProgressEventRow[]> {
      return db
        .select()
        .from(progressEvents)
        .where(
          and(
            eq(progressEvents.userId, key.userId),
            eq(progressEvents.roadmapSlug, key.roadmapSlug),
            eq(progressEvents.topicId, key.topicId),
          ),
        )
        .orderBy(desc(progressEvents.id))
        .limit(limit);
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
