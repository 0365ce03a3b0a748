/**
 * The learner's dashboard: streak, activity heatmap and weekly goal across all roadmaps, and
 * per roadmap its completion, pace plan, forecast and the content changes since they finished
 * a section. The database aggregates by day; the pure files beside this one do the rest.
 */
import type { ProgressStatus } from '../../db/progress.schema.js';
import type { LearningSettingsService } from '../learning-settings/learning-settings.service.js';
import { completeStatuses, percent } from '../progress/progress-summary.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import { dateIn, startOfWeek, type PlainDate } from './calendar.js';
import type { DashboardRepository, DailyActivity, StoredState } from './dashboard.repository.js';
import type { Dashboard, RoadmapDashboard } from './dashboard.schemas.js';
import { forecastOf } from './forecast.js';
import { heatmapOf } from './heatmap.js';
import { planPace } from './pace.js';
import { sectionChangesOf } from './section-changes.js';
import { streakOf } from './streak.js';
import { weeklyGoalOf } from './weekly-goal.js';

export interface DashboardServiceOptions {
  repository: DashboardRepository;
  roadmaps: Pick<RoadmapsService, 'roadmap' | 'revisions'>;
  learningSettings: Pick<LearningSettingsService, 'settings'>;
  now?: () => Date;
}

const complete = [...completeStatuses];
const isComplete = (status: ProgressStatus) => completeStatuses.has(status);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

export function createDashboardService({
  repository,
  roadmaps,
  learningSettings,
  now = () => new Date(),
}: DashboardServiceOptions) {
  /** A roadmap the catalog still has; undefined for one removed from the content. */
  const loaded = (slug: string) => {
    try {
      return roadmaps.roadmap(slug);
    } catch {
      return undefined;
    }
  };

  function roadmapDashboard(
    slug: string,
    today: PlainDate,
    hoursPerWeek: number,
    states: readonly StoredState[],
    activity: readonly DailyActivity[],
    completions: ReadonlyMap<string, Date>,
  ): RoadmapDashboard {
    const { view } = roadmaps.roadmap(slug);
    const statusById = new Map(states.map((s) => [s.topicId, s.status]));
    const statusOf = (topicId: string) => statusById.get(topicId) ?? 'not_started';
    const remaining = view.topics.filter((t) => !isComplete(statusOf(t.id)));
    const completeNow = view.topics.length - remaining.length;
    const changes = sectionChangesOf({
      sections: view.sections,
      revisions: roadmaps.revisions(slug),
      isComplete,
      statusOf,
      completedAt: (topicId) => completions.get(topicId),
    });
    return {
      slug,
      title: view.title,
      completion: {
        topics: view.topics.length,
        complete: completeNow,
        percent: percent(completeNow, view.topics.length),
      },
      pace: planPace(
        remaining.reduce((sum, t) => sum + t.hours, 0),
        hoursPerWeek,
        today,
      ),
      forecast: forecastOf({
        dailyNet: activity.map((a) => ({ date: a.day, net: a.net })),
        totalTopics: view.topics.length,
        completeNow,
        today,
      }),
      changes: changes.map((c) => ({
        ...c,
        finishedAt: c.finishedAt.toISOString(),
        added: c.added.map((t) => ({ ...t, at: t.at.toISOString() })),
        changed: c.changed.map((t) => ({ ...t, at: t.at.toISOString() })),
        removed: c.removed.map((t) => ({ ...t, at: t.at.toISOString() })),
      })),
    };
  }

  return {
    /** `only`: a single roadmap in `roadmaps` (404 when there is no such roadmap). */
    async dashboard(userId: string, only?: string): Promise<Dashboard> {
      if (only !== undefined) roadmaps.roadmap(only);
      const settings = await learningSettings.settings(userId);
      const zone = settings.timeZone;
      const today = dateIn(now(), zone);
      const [activity, completions, states] = await Promise.all([
        repository.dailyActivity(userId, zone, complete),
        repository.completedAt(userId, complete),
        repository.states(userId, zone),
      ]);

      const perDay = new Map<PlainDate, number>();
      for (const a of activity) perDay.set(a.day, (perDay.get(a.day) ?? 0) + a.events);

      const weekStart = startOfWeek(today);
      const hoursOfDone = states
        .filter((s) => s.status === 'done' && s.updatedOn >= weekStart)
        .map((s) => loaded(s.roadmapSlug)?.topics.get(s.topicId)?.hours)
        .filter((hours) => hours !== undefined);

      const statesBySlug = groupBy(states, (s) => s.roadmapSlug);
      const activityBySlug = groupBy(activity, (a) => a.roadmapSlug);
      const completionsBySlug = new Map<string, Map<string, Date>>();
      for (const c of completions) {
        const map = completionsBySlug.get(c.roadmapSlug) ?? new Map<string, Date>();
        map.set(c.topicId, c.at);
        completionsBySlug.set(c.roadmapSlug, map);
      }
      const slugs =
        only !== undefined ? [only] : [...statesBySlug.keys()].filter((s) => loaded(s)).sort();

      return {
        today,
        settings,
        streak: streakOf(perDay.keys(), today),
        heatmap: heatmapOf(perDay, today),
        weeklyGoal: weeklyGoalOf(settings, hoursOfDone, today),
        roadmaps: slugs.map((slug) =>
          roadmapDashboard(
            slug,
            today,
            settings.hoursPerWeek,
            statesBySlug.get(slug) ?? [],
            activityBySlug.get(slug) ?? [],
            completionsBySlug.get(slug) ?? new Map(),
          ),
        ),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
