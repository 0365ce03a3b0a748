/**
 * Response schema of the dashboard: streak, activity heatmap, weekly goal, and per roadmap
 * its completion, pace plan, forecast and what changed since the learner finished a section.
 */
import { Type, type Static } from 'typebox';
import { weeklyGoalUnits } from '../../db/learning.schema.js';
import { LearningSettings } from '../learning-settings/learning-settings.schemas.js';
import { Slug, TopicId } from '../roadmaps/roadmaps.schemas.js';

const strict = { additionalProperties: false } as const;
const Day = Type.String({
  format: 'date',
  description: 'A date on your wall calendar, in your time zone.',
});
const NullableDay = Type.Union([Day, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const DashboardQuery = Type.Object(
  {
    roadmap: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
        maxLength: 100,
        description: 'Only this roadmap in `roadmaps` (even if you have no progress on it yet).',
      }),
    ),
  },
  strict,
);

const Streak = Type.Object(
  {
    current: Type.Integer({
      minimum: 0,
      description:
        'Consecutive days with at least one change of progress, ending today, or yesterday ' +
        'while today has none yet.',
    }),
    longest: Count,
    activeToday: Type.Boolean(),
    lastActiveOn: NullableDay,
  },
  { description: 'Days are counted in your time zone.' },
);

const Heatmap = Type.Object(
  {
    from: Day,
    to: Day,
    total: Count,
    max: Type.Integer({ minimum: 0, description: 'Changes on the busiest day.' }),
    activeDays: Count,
    days: Type.Array(Type.Object({ date: Day, count: Count }), {
      description: 'Every day from `from` to `to`, quiet days with 0.',
    }),
  },
  { description: 'Changes of progress per day over the twelve months ending today.' },
);

const WeeklyGoal = Type.Object(
  {
    unit: Type.Enum(weeklyGoalUnits),
    goal: Type.Number({ minimum: 0, description: '0: no goal.' }),
    achieved: Type.Number({ minimum: 0, description: 'Topics or hours, per `unit`.' }),
    percent: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()], {
      description: 'achieved / goal, rounded down, at most 100; null without a goal.',
    }),
    met: Type.Boolean(),
    weekStart: Day,
    weekEnd: Day,
    topicsDone: Count,
    hoursDone: Type.Number({ minimum: 0, description: 'Estimated hours of those topics.' }),
  },
  {
    description:
      'Topics marked done this week (Monday to Sunday in your time zone) and still done, ' +
      'counted as topics or as their estimated hours.',
  },
);

const Pace = Type.Object(
  {
    remainingHours: Type.Number({
      minimum: 0,
      description: 'Estimated hours of the topics not yet done, skipped or in review.',
    }),
    hoursPerWeek: Type.Number(),
    weeksNeeded: Type.Number({ minimum: 0 }),
    projectedFinish: Type.Union([Day, Type.Null()], {
      description: 'Today plus remainingHours / hoursPerWeek weeks; null when nothing is left.',
    }),
  },
  { description: 'The pace planner: when you finish at the hours a week you plan.' },
);

const Forecast = Type.Object(
  {
    status: Type.Enum(['complete', 'needs_more_data', 'no_trend', 'projected'], {
      description:
        '`projected` when there is a forecast; `needs_more_data` below 5 data points; ' +
        '`no_trend` when your count of completed topics is not going up; `complete` when ' +
        'every topic is complete.',
    }),
    method: Type.String({ description: 'How the forecast is made, in one sentence.' }),
    dataPoints: Type.Integer({
      minimum: 0,
      description: 'Days on which your count of completed topics changed.',
    }),
    moreNeeded: Type.Integer({
      minimum: 0,
      description: 'Data points still needed before a forecast is shown.',
    }),
    history: Type.Array(Type.Object({ date: Day, completed: Type.Integer() }), {
      description: 'Your completed topics at the end of each of those days, oldest first.',
    }),
    target: Type.Integer({
      description: 'The count at which every current topic is complete, on the scale of `history`.',
    }),
    slopePerWeek: Type.Union([Type.Number(), Type.Null()], {
      description: 'Fitted topics completed per week.',
    }),
    expectedFinish: NullableDay,
    earliestFinish: Type.Union([Day, Type.Null()], {
      description: 'Start of the 95% range of the finish date; null when it is not bounded.',
    }),
    latestFinish: Type.Union([Day, Type.Null()], {
      description: 'End of the 95% range of the finish date; null when it is not bounded.',
    }),
    band: Type.Array(
      Type.Object({ date: Day, expected: Type.Number(), low: Type.Number(), high: Type.Number() }),
      { description: 'The fitted line and its 95% confidence band, for a chart.' },
    ),
  },
  { description: 'Linear regression over your own completion history.' },
);

const TopicChange = Type.Object({ topicId: TopicId, title: Type.String(), at: DateTime });
const SectionChanges = Type.Object({
  sectionId: Type.String(),
  title: Type.String(),
  finishedAt: Type.String({
    format: 'date-time',
    description: 'When the last of its topics became complete.',
  }),
  added: Type.Array(TopicChange),
  changed: Type.Array(TopicChange, { description: 'Topics whose content was revised.' }),
  removed: Type.Array(TopicChange, {
    description: 'Topics taken off the roadmap; their history is kept.',
  }),
});

const Completion = Type.Object({
  topics: Count,
  complete: Type.Integer({ minimum: 0, description: 'Topics done, skipped or in review.' }),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
});

const RoadmapDashboard = Type.Object({
  slug: Slug,
  title: Type.String(),
  completion: Completion,
  pace: Pace,
  forecast: Forecast,
  changes: Type.Array(SectionChanges, {
    description:
      'Sections you finished whose content changed afterwards: topics added, revised or removed since.',
  }),
});

export const Dashboard = Type.Object({
  today: Day,
  settings: LearningSettings,
  streak: Streak,
  heatmap: Heatmap,
  weeklyGoal: WeeklyGoal,
  roadmaps: Type.Array(RoadmapDashboard, {
    description: 'The roadmaps you have progress on (or the one asked for), by slug.',
  }),
});
export type Dashboard = Static<typeof Dashboard>;
export type RoadmapDashboard = Static<typeof RoadmapDashboard>;
