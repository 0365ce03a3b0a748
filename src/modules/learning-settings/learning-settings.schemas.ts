/**
 * Request and response schemas of a learner's learning settings: the Kanban board's
 * work-in-progress limit, the weekly goal, the pace planner's hours per week and the time
 * zone that decides where their days and weeks begin. The ranges are the table's checks.
 */
import { Type, type Static } from 'typebox';
import { weeklyGoalUnits } from '../../db/learning.schema.js';

const strict = { additionalProperties: false } as const;

const fields = {
  wipLimit: Type.Integer({
    minimum: 1,
    maximum: 100,
    description: 'Most topics in `learning` before the Kanban board warns. Default 3.',
  }),
  weeklyGoal: Type.Number({
    minimum: 0,
    maximum: 168,
    description: 'Topics or hours a week, per `weeklyGoalUnit`; 0 means no goal. Default 3.',
  }),
  weeklyGoalUnit: Type.Enum(weeklyGoalUnits, {
    description:
      '`topics`: topics marked done in the week; `hours`: the estimated hours of those ' +
      'topics. Default `topics`.',
  }),
  hoursPerWeek: Type.Number({
    exclusiveMinimum: 0,
    maximum: 168,
    description: 'Hours a week you plan to learn; the pace planner divides by it. Default 5.',
  }),
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description:
      'IANA time zone (e.g. `Europe/Paris`) in which your days (streak, heatmap) and weeks ' +
      '(starting on Monday) begin. Stored under its canonical name. Default `UTC`.',
  }),
};

export const LearningSettings = Type.Object(fields, {
  description: 'Your learning settings; the defaults until you change one.',
});
export type LearningSettings = Static<typeof LearningSettings>;

export const UpdateLearningSettingsBody = Type.Partial(Type.Object(fields), {
  ...strict,
  minProperties: 1,
  description: 'Only the settings to change; the others keep their value.',
});
export type UpdateLearningSettingsBody = Static<typeof UpdateLearningSettingsBody>;

/** What a learner without a settings row gets: the table's column defaults. */
export const defaultLearningSettings: LearningSettings = {
  wipLimit: 3,
  weeklyGoal: 3,
  weeklyGoalUnit: 'topics',
  hoursPerWeek: 5,
  timeZone: 'UTC',
};
