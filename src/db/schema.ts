/**
 * The database schema (Drizzle). One schema for PGlite and PostgreSQL; drizzle-kit generates
 * the SQL migrations in drizzle/ from it (`npm run db:generate`).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export const roadmaps = pgTable('roadmaps', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  version: text('version').notNull(),
  /** SHA-256 of the roadmap's files: unchanged content means no writes at load. */
  contentHash: text('content_hash').notNull(),
  layoutWidth: real('layout_width').notNull(),
  layoutHeight: real('layout_height').notNull(),
  /** When the content last changed (not when it was last loaded): drives Last-Modified. */
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const sections = pgTable(
  'sections',
  {
    roadmapId: integer('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    box: jsonb('box').$type<Box>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.id] })],
);

export const topics = pgTable(
  'topics',
  {
    roadmapId: integer('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    sectionId: text('section_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    optional: boolean('optional').notNull().default(false),
    alternatives: jsonb('alternatives')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    hours: real('hours').notNull(),
    concepts: jsonb('concepts').$type<string[]>().notNull(),
    resources: jsonb('resources')
      .$type<{ type: string; title: string; url: string; why: string }[]>()
      .notNull(),
    questions: jsonb('questions').$type<{ question: string; answer: string }[]>().notNull(),
    exercise: jsonb('exercise').$type<{ task: string; done: string }>().notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    box: jsonb('box').$type<Box>().notNull(),
    /**
     * Set when a topic disappears from the content. The row stays, so that what learners
     * recorded against its stable id is kept; archived topics are not shown on the roadmap.
     */
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    /**
     * When the topic first appeared in (or came back to) the content: topics added after a
     * learner's last visit are shown as new.
     */
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When the topic's content last changed after it was added (null: never). */
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.roadmapId, t.id] }),
    index('topics_roadmap_position_idx').on(t.roadmapId, t.position),
  ],
);

export const topicEdges = pgTable(
  'topic_edges',
  {
    roadmapId: integer('roadmap_id').notNull(),
    fromTopic: text('from_topic').notNull(),
    toTopic: text('to_topic').notNull(),
    points: jsonb('points').$type<Point[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roadmapId, t.fromTopic, t.toTopic] }),
    foreignKey({
      columns: [t.roadmapId, t.fromTopic],
      foreignColumns: [topics.roadmapId, topics.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.roadmapId, t.toTopic],
      foreignColumns: [topics.roadmapId, topics.id],
    }).onDelete('cascade'),
  ],
);

export * from './accounts.schema.js';
export * from './progress.schema.js';
export * from './learning.schema.js';
