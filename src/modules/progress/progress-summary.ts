/**
 * A learner's progress on one roadmap, computed from the roadmap's current topics and the
 * learner's stored states. Pure, so the rules of what counts as complete are tested alone.
 */
import type { ProgressStatus } from '../../db/progress.schema.js';
import type { RoadmapView } from '../roadmaps/roadmaps.schemas.js';
import type { RoadmapProgress } from './progress.schemas.js';

/** Statuses that fill the progress bar (see RoadmapProgress's description for why). */
export const completeStatuses: ReadonlySet<ProgressStatus> = new Set(['done', 'skipped', 'review']);

export interface StoredState {
  topicId: string;
  status: ProgressStatus;
  updatedAt: Date;
}

/** Rounded down, so 100 means every topic, never "nearly every". */
export const percent = (complete: number, topics: number) =>
  topics === 0 ? 0 : Math.floor((complete * 100) / topics);

export function summarize(
  roadmap: Pick<RoadmapView, 'slug' | 'sections' | 'topics'>,
  states: readonly StoredState[],
): RoadmapProgress {
  // States of archived topics (no longer on the roadmap) are left out here, not lost.
  const byTopic = new Map(states.map((s) => [s.topicId, s]));
  const statusOf = (topicId: string) => byTopic.get(topicId)?.status ?? 'not_started';
  const counts = { not_started: 0, learning: 0, done: 0, skipped: 0, review: 0 };
  const topics = roadmap.topics.map((topic) => {
    const status = statusOf(topic.id);
    counts[status]++;
    return {
      topicId: topic.id,
      sectionId: topic.sectionId,
      status,
      updatedAt: byTopic.get(topic.id)?.updatedAt.toISOString() ?? null,
    };
  });
  const isComplete = (topicId: string) => completeStatuses.has(statusOf(topicId));
  const sections = roadmap.sections.map((section) => {
    const complete = section.topicIds.filter(isComplete).length;
    return {
      sectionId: section.id,
      title: section.title,
      topics: section.topicIds.length,
      complete,
      percent: percent(complete, section.topicIds.length),
    };
  });
  const complete = topics.filter((t) => completeStatuses.has(t.status)).length;
  return {
    roadmapSlug: roadmap.slug,
    topics,
    counts,
    sections,
    total: { topics: topics.length, complete, percent: percent(complete, topics.length) },
  };
}
