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
import type {
  MergeChange,
  MergeResult,
  RoadmapProgress,
  RoadmapVisit,
  TopicHistory,
  TopicStatus,
} from './progress.schemas.js';
import type { VisitsRepository } from './visits.repository.js';

/** A return within this long of the last one is the same visit (a reload, another tab). */
export const VISIT_GAP_MS = 30 * 60_000;
/** Unknown topic ids a merge looks up (each a query) and reports, at most. */
const MAX_REPORTED = 20;

export interface ProgressServiceOptions {
  repository: ProgressRepository;
  visits: VisitsRepository;
  roadmaps: Pick<RoadmapsService, 'roadmap' | 'topicState'>;
  now?: () => Date;
}

export function createProgressService({
  repository,
  visits,
  roadmaps,
  now = () => new Date(),
}: ProgressServiceOptions) {
  /**
   * Problems with merged changes, one per change, naming its field. Ids not on the roadmap
   * are told apart (removed, or never there) for the first few only: each costs a query.
   */
  async function mergeProblems(roadmapSlug: string, changes: readonly MergeChange[]) {
    const { topics } = roadmaps.roadmap(roadmapSlug);
    const errors: { field: string; message: string }[] = [];
    const unknown = new Map<string, string>();
    for (const [i, change] of changes.entries()) {
      if (errors.length >= MAX_REPORTED) break;
      const field = `body.changes.${i}`;
      if (change.from === change.to) {
        errors.push({ field: `${field}.to`, message: 'is the same as from: nothing changes' });
      }
      if (topics.has(change.topicId)) continue;
      let message = unknown.get(change.topicId);
      if (message === undefined) {
        const state = await roadmaps.topicState(roadmapSlug, change.topicId).catch(() => null);
        message =
          state === 'archived'
            ? `topic "${change.topicId}" was removed from roadmap "${roadmapSlug}"`
            : `roadmap "${roadmapSlug}" has no topic "${change.topicId}"`;
        unknown.set(change.topicId, message);
      }
      errors.push({ field: `${field}.topicId`, message });
    }
    return errors;
  }

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

    /**
     * Merges progress recorded without an account (in a browser) into the learner's: both
     * sides' changes are kept in the history, and for each topic the later change is the
     * status. All or nothing: any unknown or removed topic, or a change that changes nothing,
     * fails the whole merge (400, each listed) and records nothing.
     */
    async merge(
      userId: string,
      roadmapSlug: string,
      changes: readonly MergeChange[],
      source: ProgressSource,
    ): Promise<MergeResult> {
      const errors = await mergeProblems(roadmapSlug, changes);
      if (errors.length > 0) {
        throw new AppError(
          'validation_failed',
          'Some changes cannot be merged; see errors. Nothing was recorded.',
          { errors },
        );
      }
      // A change from the future (a browser's clock ahead) would outrank every later one.
      const at = now();
      const outcome = await repository.merge(
        userId,
        roadmapSlug,
        changes.map((c) => {
          const when = new Date(c.at);
          return { topicId: c.topicId, from: c.from, to: c.to, at: when > at ? at : when };
        }),
        source,
      );
      const { view } = roadmaps.roadmap(roadmapSlug);
      const progress = summarize(view, await repository.states(userId, roadmapSlug));
      return { roadmapSlug, ...outcome, progress };
    },

    /**
     * Records that the learner opened the roadmap, and lists the topics added since their
     * previous visit (none on the first: everything would be new).
     */
    async visit(userId: string, roadmapSlug: string): Promise<RoadmapVisit> {
      const { view } = roadmaps.roadmap(roadmapSlug);
      const { previousSeenAt } = await visits.record(userId, roadmapSlug, now(), VISIT_GAP_MS);
      const added = previousSeenAt
        ? new Set(await visits.topicsAddedAfter(roadmapSlug, previousSeenAt))
        : new Set<string>();
      return {
        roadmapSlug,
        previousVisitAt: previousSeenAt?.toISOString() ?? null,
        newTopicIds: view.topics.filter((t) => added.has(t.id)).map((t) => t.id),
      };
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
