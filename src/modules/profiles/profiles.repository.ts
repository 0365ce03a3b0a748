/**
 * SQL for public profiles. A learner's settings row is shared with other settings (goals,
 * pace...): this module writes only its own columns, so a concurrent change of another
 * setting is never lost. Which learner gets a username is decided by the unique index alone,
 * so two learners asking for the same name at once cannot both have it.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { learnerSettings, topicProgress, users } from '../../db/schema.js';

const USERNAME_INDEX = 'learner_settings_username_idx';

export interface StoredProfileSettings {
  username: string | null;
  profilePublic: boolean;
}

export function createProfilesRepository(db: Database) {
  return {
    async settings(userId: string): Promise<StoredProfileSettings | undefined> {
      const [row] = await db
        .select({
          username: learnerSettings.username,
          profilePublic: learnerSettings.profilePublic,
        })
        .from(learnerSettings)
        .where(eq(learnerSettings.userId, userId));
      return row;
    },

    /**
     * Sets the username and visibility, creating the row (other settings at their defaults)
     * when the learner has none. `taken` when another learner has the username: nothing is
     * written.
     */
    async saveSettings(
      userId: string,
      settings: StoredProfileSettings,
      now: Date,
    ): Promise<'saved' | 'taken'> {
      const values = { ...settings, updatedAt: now };
      try {
        await db
          .insert(learnerSettings)
          .values({ userId, ...values })
          .onConflictDoUpdate({ target: learnerSettings.userId, set: values });
        return 'saved';
      } catch (error) {
        if (isUniqueViolation(error, USERNAME_INDEX)) return 'taken';
        throw error;
      }
    },

    /** The learner behind a username, only while their profile is public. */
    async publicOwner(username: string) {
      const [row] = await db
        .select({ userId: users.id, displayName: users.displayName })
        .from(learnerSettings)
        .innerJoin(users, eq(users.id, learnerSettings.userId))
        .where(
          and(eq(learnerSettings.username, username), eq(learnerSettings.profilePublic, true)),
        );
      return row;
    },

    /** Every stored topic state of a learner, on every roadmap. */
    async states(userId: string) {
      return db
        .select({
          roadmapSlug: topicProgress.roadmapSlug,
          topicId: topicProgress.topicId,
          status: topicProgress.status,
          updatedAt: topicProgress.updatedAt,
        })
        .from(topicProgress)
        .where(eq(topicProgress.userId, userId));
    },
  };
}

export type ProfilesRepository = ReturnType<typeof createProfilesRepository>;
