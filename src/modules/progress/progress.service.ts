/**
 * Learners' progress: the status of each topic they follow, every change kept as an event,
 * and the summary a progress bar shows. The roadmap catalog (which topics exist, in which
 * sections) comes from the roadmaps service.
 */
import type { ProgressSource, ProgressStatus } from '../../db/progress.schema.js';
import { AppError } from '../../http/errors.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import { summarize } from './progress-summary.js';
import type { ProgressRepository, TopicKey } from './progress.repository.js';
import type { RoadmapProgress, TopicHistory, TopicStatus } from './progress.schemas.js';

export interface ProgressServiceOptions {
  repository: ProgressRepository;
  roadmaps: Pick<RoadmapsService, 'roadmap' | 'topicState'>;
  now?: () => Date;
}

export function createProgressService({
  repository,
  roadmaps,
  now = () => new Date(),
}: ProgressServiceOptions) {
  return {
    /**
     * Idempotent: setting the status a topic already has records nothing. A topic removed
     * from the roadmap keeps its history but takes no new changes (409): it is no longer
     * on the roadmap to learn, and 404 would wrongly say the id was never valid.
     */
    async setStatus(
      key: TopicKey,
      status: ProgressStatus,
      source: ProgressSource,
    ): Promise<TopicStatus> {
      if ((await roadmaps.topicState(key.roadmapSlug, key.topicId)) === 'archived') {
        throw new AppError(
          'conflict',
          `Topic "${key.topicId}" was removed from roadmap "${key.roadmapSlug}"; its history ` +
            'is kept, but its status can no longer change.',
        );
      }
      const state = await repository.setStatus({ ...key, status, source, at: now() });
      return {
        roadmapSlug: key.roadmapSlug,
        topicId: key.topicId,
        status: state.status,
        updatedAt: state.updatedAt?.toISOString() ?? null,
        changed: state.changed,
      };
    },

    async progress(userId: string, roadmapSlug: string): Promise<RoadmapProgress> {
      const { view } = roadmaps.roadmap(roadmapSlug);
      return summarize(view, await repository.states(userId, roadmapSlug));
    },

    /** Archived topics have a history too: that is what archiving keeps. */
    async history(key: TopicKey, limit: number): Promise<TopicHistory> {
      await roadmaps.topicState(key.roadmapSlug, key.topicId);
      const events = await repository.history(key, limit);
      return {
        roadmapSlug: key.roadmapSlug,
        topicId: key.topicId,
        events: events.map((e) => ({
          from: e.fromStatus,
          to: e.toStatus,
          at: e.at.toISOString(),
          source: e.source,
        })),
      };
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
