/**
 * Tables of personal learning beyond statuses and notes: links a learner keeps per topic, the
 * key concepts they ticked, their settings (goals, pace, public profile), when they last
 * looked at each roadmap, and the responses kept for Idempotency-Key replays.
 *
 * Like progress, everything is keyed by the roadmap's slug and the topic's stable id, so it
 * outlives content changes.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const userRef = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** A learner's own links on a topic (their bookmarks, beside the topic's curated resources). */
export const topicLinks = pgTable(
  'topic_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: userRef(),
    roadmapSlug: text('roadmap_slug').notNull(),
    topicId: text('topic_id').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('topic_links_topic_idx').on(t.userId, t.roadmapSlug, t.topicId, t.createdAt)],
);

/**
 * A key concept of a topic the learner ticked. Concepts are keyed by their text: when the
 * content rewords a concept, the old tick no longer matches any concept and is not shown
 * (it stays, and comes back if the wording does).
 */
export const conceptChecks = pgTable(
  'concept_checks',
  {
    userId: userRef(),
    roadmapSlug: text('roadmap_slug').notNull(),
    topicId: text('topic_id').notNull(),
    concept: text('concept').notNull(),
    checkedAt: at('checked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roadmapSlug, t.topicId, t.concept] })],
);

export const weeklyGoalUnits = ['topics', 'hours'] as const;
export type WeeklyGoalUnit = (typeof weeklyGoalUnits)[number];

/** One row per learner who changed a setting; defaults apply to everyone else. */
export const learnerSettings = pgTable(
  'learner_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Most topics in `learning` before the Kanban board warns. */
    wipLimit: integer('wip_limit').notNull().default(3),
    weeklyGoalUnit: text('weekly_goal_unit', { enum: weeklyGoalUnits }).notNull().default('topics'),
    /** Topics or hours a week, per the unit; 0 means no goal. */
    weeklyGoal: real('weekly_goal').notNull().default(3),
    /** What the pace planner divides the remaining hours by. */
    hoursPerWeek: real('hours_per_week').notNull().default(5),
    /** IANA zone that decides where a learner's days (streak, heatmap) and weeks begin. */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The public profile's address, /u/{username}; lower case, chosen by the learner. */
    username: text('username'),
    /** Off by default: nothing about a learner is public until they turn this on. */
    profilePublic: boolean('profile_public').notNull().default(false),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('learner_settings_username_idx').on(t.username),
    check('learner_settings_wip_limit_check', sql.raw('"wip_limit" between 1 and 100')),
    check(
      'learner_settings_weekly_goal_unit_check',
      sql.raw(`"weekly_goal_unit" in ('topics', 'hours')`),
    ),
    check('learner_settings_weekly_goal_check', sql.raw('"weekly_goal" between 0 and 168')),
    check(
      'learner_settings_hours_per_week_check',
      sql.raw('"hours_per_week" > 0 and "hours_per_week" <= 168'),
    ),
    check(
      'learner_settings_username_check',
      sql.raw(`"username" ~ '^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$'`),
    ),
    check(
      'learner_settings_public_needs_username_check',
      sql.raw('not "profile_public" or "username" is not null'),
    ),
  ],
);

/**
 * When a learner last opened a roadmap: topics added to the content after it are "new since
 * your last visit". `previous_seen_at` is the visit before, so the markers survive a reload
 * during the visit that shows them.
 */
export const roadmapVisits = pgTable(
  'roadmap_visits',
  {
    userId: userRef(),
    roadmapSlug: text('roadmap_slug').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    previousSeenAt: at('previous_seen_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roadmapSlug] })],
);

/**
 * Responses kept for `Idempotency-Key` replays (as Stripe does it). Keys are scoped to the
 * principal that sent them and stored hashed; the response is stored encrypted with a key
 * derived from the Idempotency-Key itself, so only a client holding the key can read it back
 * (it may hold a secret shown once, such as a new access token). A row without a status is a
 * request still in flight.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who sent it: `user:<id>`. */
    scope: text('scope').notNull(),
    /** SHA-256 of the Idempotency-Key header, hex. */
    keyHash: text('key_hash').notNull(),
    method: text('method').notNull(),
    /** The route's URL, so one key cannot be replayed against another endpoint. */
    path: text('path').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused (422). */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    /** AES-256-GCM of the JSON `{ headers, body }` of the first response, base64. */
    response: text('response'),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.keyHash] }),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);
