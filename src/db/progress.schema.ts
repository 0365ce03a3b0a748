/**
 * Tables of learners' progress. `progress_events` is the append-only history of every status
 * change; `topic_progress` is the current state derived from it, kept for fast reads, and
 * points at the event that produced it.
 *
 * Progress is keyed by the roadmap's slug and the topic's stable id, not by the content
 * tables' keys, so it outlives content changes: a topic removed from a roadmap is archived,
 * and what a learner recorded against it stays.
 *
 * `topic_notes` holds each learner's private Markdown note per topic, with a version that
 * only moves forward: writes are conditional on it (optimistic concurrency, If-Match).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.schema.js';

export const progressStatuses = ['not_started', 'learning', 'done', 'skipped', 'review'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

/** Where a change came from: the web app, the API with a token, the CLI, or an import. */
export const progressSources = ['web', 'api', 'cli', 'import'] as const;
export type ProgressSource = (typeof progressSources)[number];

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`);

export const progressEvents = pgTable(
  'progress_events',
  {
    /** Also the order of events: a topic's changes are numbered in the order they took effect. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roadmapSlug: text('roadmap_slug').notNull(),
    topicId: text('topic_id').notNull(),
    /** Null for the first change of a topic: it had no recorded state before. */
    fromStatus: text('from_status', { enum: progressStatuses }),
    toStatus: text('to_status', { enum: progressStatuses }).notNull(),
    at: at('at').notNull().defaultNow(),
    source: text('source', { enum: progressSources }).notNull(),
  },
  (t) => [
    index('progress_events_topic_idx').on(t.userId, t.roadmapSlug, t.topicId, t.id),
    // The dashboard aggregates a learner's whole history by day: with every column it reads
    // in the index, that is an index-only scan of one learner's entries, not a heap page per
    // event (a learner's events are spread over the table as everyone's changes interleave).
    index('progress_events_user_at_idx').on(
      t.userId,
      t.at,
      t.roadmapSlug,
      t.topicId,
      t.fromStatus,
      t.toStatus,
    ),
    check('progress_events_from_status_check', oneOf('from_status', progressStatuses)),
    check('progress_events_to_status_check', oneOf('to_status', progressStatuses)),
    check('progress_events_source_check', oneOf('source', progressSources)),
  ],
);

export const topicProgress = pgTable(
  'topic_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roadmapSlug: text('roadmap_slug').notNull(),
    topicId: text('topic_id').notNull(),
    status: text('status', { enum: progressStatuses }).notNull(),
    updatedAt: at('updated_at').notNull(),
    /** The event this state comes from: its `to_status` is always this row's status. */
    lastEventId: bigint('last_event_id', { mode: 'number' }).references(() => progressEvents.id),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roadmapSlug, t.topicId] }),
    check('topic_progress_status_check', oneOf('status', progressStatuses)),
  ],
);

/** Longest note, in characters (code points), enforced by the API and by the table. */
export const NOTE_MAX_CHARS = 20_000;

export const topicNotes = pgTable(
  'topic_notes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roadmapSlug: text('roadmap_slug').notNull(),
    topicId: text('topic_id').notNull(),
    /** Stored verbatim, never sanitized here: whoever renders it sanitizes it. */
    markdown: text('markdown').notNull(),
    /** 1 for the first write; a topic without a row is at version 0 (the empty note). */
    version: integer('version').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.roadmapSlug, t.topicId] }),
    check(
      'topic_notes_markdown_length_check',
      sql.raw(`char_length("markdown") <= ${NOTE_MAX_CHARS}`),
    ),
    check('topic_notes_version_check', sql.raw('"version" >= 1')),
  ],
);
