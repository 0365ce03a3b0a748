/**
 * SQL for exports and imports: reads everything a learner recorded (statuses with their
 * history, notes, links, concept ticks), and writes an import inside one transaction through
 * a writer that exists only for that transaction.
 *
 * Status rows are locked the way the progress module locks them (a placeholder row inserted
 * or the existing one updated in place), so an import and a concurrent status change take
 * effect one after the other.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { ofTopic, ofTopics } from '../../db/topic-conditions.js';
import { dropPlaceholders, lockTopicStates } from '../../db/topic-state-locks.js';
import type { LearnerData } from './export-document.js';
import {
  conceptChecks,
  progressEvents,
  topicLinks,
  topicNotes,
  topicProgress,
  type ProgressSource,
  type ProgressStatus,
} from '../../db/schema.js';

const EVENTS_PER_INSERT = 1000;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface TopicKey {
  userId: string;
  roadmapSlug: string;
  topicId: string;
}

/** A topic's status row as locked for an import; a new placeholder has no last event. */
export interface LockedState {
  status: ProgressStatus;
  updatedAt: Date;
  lastEventId: number | null;
}

export interface EventToRecord {
  fromStatus: ProgressStatus | null;
  toStatus: ProgressStatus;
  at: Date;
  source: ProgressSource;
}

export interface StoredTopicData {
  notes: Map<string, { markdown: string; version: number; updatedAt: Date }>;
  links: Map<string, { url: string; title: string; createdAt: Date }[]>;
  checks: Map<string, { concept: string; checkedAt: Date }[]>;
}

function writer(tx: Transaction) {
  return {
    /**
     * Locks the status rows of these topics, in one order (two imports cannot deadlock),
     * inserting placeholders for topics without one; `dropPlaceholders` removes those left
     * unused.
     */
    async lockStates(
      userId: string,
      roadmapSlug: string,
      topicIds: readonly string[],
    ): Promise<Map<string, LockedState>> {
      return lockTopicStates(tx, userId, roadmapSlug, topicIds);
    },

    /** Appends events in this order; the topic's state becomes the last one's. */
    async recordEvents(key: TopicKey, events: readonly EventToRecord[]): Promise<void> {
      let lastId = 0;
      // In slices: a statement takes at most 65,535 parameters.
      for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) {
        const rows = await tx
          .insert(progressEvents)
          .values(events.slice(i, i + EVENTS_PER_INSERT).map((e) => ({ ...key, ...e })))
          .returning({ id: progressEvents.id });
        lastId = rows[rows.length - 1]!.id;
      }
      const last = events[events.length - 1]!;
      await tx
        .update(topicProgress)
        .set({ status: last.toStatus, updatedAt: last.at, lastEventId: lastId })
        .where(ofTopic(topicProgress, key));
    },

    dropPlaceholders: (userId: string, roadmapSlug: string, topicIds: readonly string[]) =>
      dropPlaceholders(tx, userId, roadmapSlug, topicIds),

    /** Notes, links and ticks of these topics as they are now. */
    async read(
      userId: string,
      roadmapSlug: string,
      topicIds: readonly string[],
    ): Promise<StoredTopicData> {
      const data: StoredTopicData = { notes: new Map(), links: new Map(), checks: new Map() };
      if (topicIds.length === 0) return data;
      const [notes, links, checks] = [
        await tx
          .select()
          .from(topicNotes)
          .where(ofTopics(topicNotes, userId, roadmapSlug, topicIds)),
        await tx
          .select()
          .from(topicLinks)
          .where(ofTopics(topicLinks, userId, roadmapSlug, topicIds))
          .orderBy(asc(topicLinks.createdAt), asc(topicLinks.url)),
        await tx
          .select()
          .from(conceptChecks)
          .where(ofTopics(conceptChecks, userId, roadmapSlug, topicIds))
          .orderBy(asc(conceptChecks.checkedAt), asc(conceptChecks.concept)),
      ];
      for (const n of notes) data.notes.set(n.topicId, n);
      for (const l of links) data.links.set(l.topicId, [...(data.links.get(l.topicId) ?? []), l]);
      for (const c of checks) {
        data.checks.set(c.topicId, [...(data.checks.get(c.topicId) ?? []), c]);
      }
      return data;
    },

    /**
     * Writes a note. A topic without one gets `created` (the file's version and time); an
     * existing note takes the text with its version bumped, so editors holding its old ETag
     * get 412 rather than overwrite the import.
     */
    async writeNote(
      key: TopicKey,
      markdown: string,
      created: { version: number; updatedAt: Date },
      at: Date,
    ): Promise<void> {
      await tx
        .insert(topicNotes)
        .values({ ...key, markdown, ...created })
        .onConflictDoUpdate({
          target: [topicNotes.userId, topicNotes.roadmapSlug, topicNotes.topicId],
          set: { markdown, version: sql`${topicNotes.version} + 1`, updatedAt: at },
        });
    },

    async replaceLinks(
      key: TopicKey,
      links: readonly { url: string; title: string; createdAt: Date }[],
    ): Promise<void> {
      await tx.delete(topicLinks).where(ofTopic(topicLinks, key));
      if (links.length > 0)
        await tx.insert(topicLinks).values(links.map((l) => ({ ...key, ...l })));
    },

    async replaceChecks(
      key: TopicKey,
      checks: readonly { concept: string; checkedAt: Date }[],
    ): Promise<void> {
      await tx.delete(conceptChecks).where(ofTopic(conceptChecks, key));
      if (checks.length > 0) {
        await tx.insert(conceptChecks).values(checks.map((c) => ({ ...key, ...c })));
      }
    },
  };
}

export type ImportWriter = ReturnType<typeof writer>;

export function createPortabilityRepository(db: Database) {
  return {
    /** Everything the learner recorded, on one roadmap or all, in a stable order. */
    async learnerData(userId: string, roadmapSlug?: string): Promise<LearnerData> {
      const scope = (table: { userId: AnyPgColumn; roadmapSlug: AnyPgColumn }) =>
        roadmapSlug === undefined
          ? eq(table.userId, userId)
          : and(eq(table.userId, userId), eq(table.roadmapSlug, roadmapSlug));
      // One snapshot: a change made while exporting is in all of it or none.
      return db.transaction(
        async (tx) => ({
          states: await tx
            .select({
              roadmapSlug: topicProgress.roadmapSlug,
              topicId: topicProgress.topicId,
              status: topicProgress.status,
              updatedAt: topicProgress.updatedAt,
            })
            .from(topicProgress)
            .where(and(scope(topicProgress), isNotNull(topicProgress.lastEventId))),
          events: await tx
            .select({
              roadmapSlug: progressEvents.roadmapSlug,
              topicId: progressEvents.topicId,
              fromStatus: progressEvents.fromStatus,
              toStatus: progressEvents.toStatus,
              at: progressEvents.at,
              source: progressEvents.source,
            })
            .from(progressEvents)
            .where(scope(progressEvents))
            .orderBy(asc(progressEvents.at), asc(progressEvents.id)),
          notes: await tx
            .select({
              roadmapSlug: topicNotes.roadmapSlug,
              topicId: topicNotes.topicId,
              markdown: topicNotes.markdown,
              version: topicNotes.version,
              updatedAt: topicNotes.updatedAt,
            })
            .from(topicNotes)
            .where(scope(topicNotes)),
          links: await tx
            .select({
              roadmapSlug: topicLinks.roadmapSlug,
              topicId: topicLinks.topicId,
              url: topicLinks.url,
              title: topicLinks.title,
              createdAt: topicLinks.createdAt,
            })
            .from(topicLinks)
            .where(scope(topicLinks))
            .orderBy(asc(topicLinks.createdAt), asc(topicLinks.url)),
          checks: await tx
            .select({
              roadmapSlug: conceptChecks.roadmapSlug,
              topicId: conceptChecks.topicId,
              concept: conceptChecks.concept,
              checkedAt: conceptChecks.checkedAt,
            })
            .from(conceptChecks)
            .where(scope(conceptChecks))
            .orderBy(asc(conceptChecks.checkedAt), asc(conceptChecks.concept)),
        }),
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },

    /** Runs an import's writes in one transaction: all of them take effect, or none. */
    async transaction<T>(work: (writer: ImportWriter) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(writer(tx)));
    },
  };
}

export type PortabilityRepository = ReturnType<typeof createPortabilityRepository>;
