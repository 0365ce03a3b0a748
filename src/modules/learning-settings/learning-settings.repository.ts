/**
 * SQL for learning settings. They share the learner's `learner_settings` row with the public
 * profile (username, opt-in), which another module owns: every write here names only the
 * learning columns, so it can never change the profile.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { learnerSettings } from '../../db/schema.js';
import type { LearningSettings } from './learning-settings.schemas.js';

const columns = {
  wipLimit: learnerSettings.wipLimit,
  weeklyGoal: learnerSettings.weeklyGoal,
  weeklyGoalUnit: learnerSettings.weeklyGoalUnit,
  hoursPerWeek: learnerSettings.hoursPerWeek,
  timeZone: learnerSettings.timeZone,
};

/** `SET col = excluded.col` for the changed learning columns only. */
const excludedOf = (changes: Partial<LearningSettings>) =>
  Object.fromEntries(
    (Object.keys(changes) as (keyof LearningSettings)[]).map((key) => [
      key,
      sql.raw(`excluded."${columns[key].name}"`),
    ]),
  );

export function createLearningSettingsRepository(db: Database) {
  return {
    /** The learner's settings; undefined when they never changed one. */
    async find(userId: string): Promise<LearningSettings | undefined> {
      const [row] = await db
        .select(columns)
        .from(learnerSettings)
        .where(eq(learnerSettings.userId, userId));
      return row;
    },

    /**
     * Writes the given settings in one statement: a learner without a row gets one (every
     * other column at its default), a learner with one has only these columns changed.
     */
    async update(
      userId: string,
      changes: Partial<LearningSettings>,
      at: Date,
    ): Promise<LearningSettings> {
      const [row] = await db
        .insert(learnerSettings)
        .values({ userId, ...changes, updatedAt: at })
        .onConflictDoUpdate({
          target: learnerSettings.userId,
          set: { ...excludedOf(changes), updatedAt: at },
        })
        .returning(columns);
      return row!;
    },
  };
}

export type LearningSettingsRepository = ReturnType<typeof createLearningSettingsRepository>;
