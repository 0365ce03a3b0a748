/**
 * The conditions that pick one learner's rows for some topics of one roadmap. Every table a
 * learner writes per topic (states, events, notes, links, concept checks) is keyed by user,
 * roadmap and topic, so the repositories that read or replace several of them at once build
 * their WHERE clauses here rather than spelling the three columns out per table.
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Any table keyed by learner, roadmap and topic. */
export interface LearnerTopicTable {
  userId: AnyPgColumn;
  roadmapSlug: AnyPgColumn;
  topicId: AnyPgColumn;
}

/** The learner's rows of these topics on this roadmap (none when `topicIds` is empty). */
export const ofTopics = (
  table: LearnerTopicTable,
  userId: string,
  roadmapSlug: string,
  topicIds: readonly string[],
): SQL =>
  // `and` is undefined only when given no condition at all.
  and(
    eq(table.userId, userId),
    eq(table.roadmapSlug, roadmapSlug),
    inArray(table.topicId, topicIds),
  )!;

/** The learner's rows of one topic. */
export const ofTopic = (
  table: LearnerTopicTable,
  key: { userId: string; roadmapSlug: string; topicId: string },
): SQL =>
  and(
    eq(table.userId, key.userId),
    eq(table.roadmapSlug, key.roadmapSlug),
    eq(table.topicId, key.topicId),
  )!;
