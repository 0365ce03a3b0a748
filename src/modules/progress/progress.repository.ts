/**
 * SQL for progress. A status change appends an event and moves the current state in one
 * transaction, with the learner's row for that topic locked first: concurrent changes to one
 * topic take effect one at a time, each no earlier than the one before (the database function
 * `set_topic_status`, drizzle/0007).
 *
 * Events are ordered by (at, id): a merge inserts changes made earlier in a browser without an
 * account, so a later id can carry an earlier time. The current state is always the last
 * event's in that order.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { ofTopic, ofTopics } from '../../db/topic-conditions.js';
import { dropPlaceholders, lockTopicStates } from '../../db/topic-state-locks.js';
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

/** A change made elsewhere (a browser without an account), merged into the history. */
export interface MergedChange {
  topicId: string;
  from: ProgressStatus | null;
  to: ProgressStatus;
  at: Date;
}

export interface MergeOutcome {
  recorded: number;
  alreadyRecorded: number;
  /** Topics whose state is now a merged change's. */
  applied: string[];
  /** Topics whose state stayed: the account's last change is later. */
  kept: string[];
}

const changeKey = (c: { topicId: string; from: string | null; to: string; at: Date }) =>
  `${c.topicId}\u0000${c.from ?? ''}\u0000${c.to}\u0000${c.at.toISOString()}`;

export interface TopicState {
  status: ProgressStatus;
  /** Null when the topic has never had a recorded change. */
  updatedAt: Date | null;
  changed: boolean;
}

/** What `set_topic_status` returns (timestamps come back as the driver gives them). */
interface SetStatusResult extends Record<string, unknown> {
  state: ProgressStatus;
  state_at: string | Date | null;
  changed: boolean;
}

/** The rows of `execute`, which node-postgres and PGlite both return as `{ rows }`. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export function createProgressRepository(db: Database) {
  return {
    /**
     * Sets a topic's status. When it already has that status nothing is written and
     * `changed` is false.
     *
     * One statement: the database function `set_topic_status` (drizzle/0007) locks or creates
     * the topic's state, appends the event and moves the state, as one implicit transaction.
     * This is the write learners make most often; run from here it took four round trips
     * with the row locked throughout (see ADR 0015 and the status update benchmark).
     */
    async setStatus(change: StatusChange): Promise<TopicState> {
      const { userId, roadmapSlug, topicId, status, source, at } = change;
      const [result] = rowsOf<SetStatusResult>(
        await db.execute(
          sql`select state, state_at, changed from set_topic_status(${userId}, ${roadmapSlug}, ${topicId}, ${status}, ${source}, ${at.toISOString()})`,
        ),
      );
      const { state, state_at: stateAt, changed } = result!;
      return { status: state, updatedAt: stateAt === null ? null : new Date(stateAt), changed };
    },

    /**
     * Merges changes into a learner's history in one transaction. Every change becomes an
     * event at its own time (one already in the history, same topic, statuses and time, is
     * not recorded twice, so a merge sent again changes nothing). A topic's state becomes its
     * last merged change when that is at or after the state's own time; otherwise the state
     * stays and the merged events sit before it in the history. Either way the state is the
     * topic's last event by (at, id).
     */
    async merge(
      userId: string,
      roadmapSlug: string,
      changes: readonly MergedChange[],
      source: ProgressSource,
    ): Promise<MergeOutcome> {
      const topicIds = [...new Set(changes.map((c) => c.topicId))].sort();
      const outcome: MergeOutcome = { recorded: 0, alreadyRecorded: 0, applied: [], kept: [] };
      if (topicIds.length === 0) return outcome;
      return db.transaction(async (tx) => {
        // Locks every row concerned, in one order (so two merges cannot deadlock), with
        // placeholders for topics that have no state yet, as setStatus does.
        const states = await lockTopicStates(tx, userId, roadmapSlug, topicIds);

        const times = [...new Set(changes.map((c) => c.at.getTime()))].map((t) => new Date(t));
        const present = await tx
          .select({
            topicId: progressEvents.topicId,
            from: progressEvents.fromStatus,
            to: progressEvents.toStatus,
            at: progressEvents.at,
          })
          .from(progressEvents)
          .where(
            and(
              ofTopics(progressEvents, userId, roadmapSlug, topicIds),
              inArray(progressEvents.at, times),
            ),
          );
        const seen = new Set(present.map(changeKey));
        const fresh: MergedChange[] = [];
        for (const change of changes) {
          const key = changeKey(change);
          if (seen.has(key)) continue;
          seen.add(key);
          fresh.push(change);
        }
        outcome.alreadyRecorded = changes.length - fresh.length;
        // Oldest first, so that changes at the same time keep the order they were sent in.
        fresh.sort((a, b) => a.at.getTime() - b.at.getTime());

        const events =
          fresh.length === 0
            ? []
            : await tx
                .insert(progressEvents)
                .values(
                  fresh.map((c) => ({
                    userId,
                    roadmapSlug,
                    topicId: c.topicId,
                    fromStatus: c.from,
                    toStatus: c.to,
                    at: c.at,
                    source,
                  })),
                )
                .returning({
                  id: progressEvents.id,
                  topicId: progressEvents.topicId,
                  toStatus: progressEvents.toStatus,
                  at: progressEvents.at,
                });
        outcome.recorded = events.length;

        const lastMerged = new Map<string, (typeof events)[number]>();
        for (const event of events) {
          const last = lastMerged.get(event.topicId);
          const later =
            !last ||
            event.at.getTime() > last.at.getTime() ||
            (event.at.getTime() === last.at.getTime() && event.id > last.id);
          if (later) lastMerged.set(event.topicId, event);
        }
        for (const [topicId, event] of lastMerged) {
          const state = states.get(topicId)!;
          // On equal times the merged event wins: it has the higher id, so it is the last.
          if (state.lastEventId !== null && event.at < state.updatedAt) {
            outcome.kept.push(topicId);
            continue;
          }
          await tx
            .update(topicProgress)
            .set({ status: event.toStatus, updatedAt: event.at, lastEventId: event.id })
            .where(ofTopic(topicProgress, { userId, roadmapSlug, topicId }));
          outcome.applied.push(topicId);
        }
        // Placeholders of topics that got no new event (all their changes were recorded).
        await dropPlaceholders(tx, userId, roadmapSlug, topicIds);
        return outcome;
      });
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

    /**
     * A topic's events, newest first: by time, then by id for events at the same time (the
     * later recorded is the later). Merged changes can be older than events before them.
     */
    async history(key: TopicKey, limit: number): Promise<ProgressEventRow[]> {
      return db
        .select()
        .from(progressEvents)
        .where(ofTopic(progressEvents, key))
        .orderBy(desc(progressEvents.at), desc(progressEvents.id))
        .limit(limit);
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
