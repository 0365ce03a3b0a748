/**
 * A learner's learning settings: read (the defaults until they change one) and changed one
 * field at a time. Other modules read them through `settings(userId)`: the Kanban board its
 * work-in-progress limit, the dashboard the goal, pace and time zone.
 */
import { AppError } from '../../http/errors.js';
import type { LearningSettingsRepository } from './learning-settings.repository.js';
import {
  defaultLearningSettings,
  type LearningSettings,
  type UpdateLearningSettingsBody,
} from './learning-settings.schemas.js';
import { canonicalTimeZone } from './time-zone.js';

export interface LearningSettingsServiceOptions {
  repository: LearningSettingsRepository;
  now?: () => Date;
}

export function createLearningSettingsService({
  repository,
  now = () => new Date(),
}: LearningSettingsServiceOptions) {
  return {
    async settings(userId: string): Promise<LearningSettings> {
      return (await repository.find(userId)) ?? { ...defaultLearningSettings };
    },

    async update(userId: string, changes: UpdateLearningSettingsBody): Promise<LearningSettings> {
      const valid = { ...changes };
      if (changes.timeZone !== undefined) {
        const zone = canonicalTimeZone(changes.timeZone);
        if (!zone) {
          throw new AppError('validation_failed', 'The time zone is not a known IANA zone.', {
            errors: [
              {
                field: 'body.timeZone',
                message: `"${changes.timeZone}" is not an IANA time zone such as Europe/Paris.`,
              },
            ],
          });
        }
        valid.timeZone = zone;
      }
      return repository.update(userId, valid, now());
    },
  };
}

export type LearningSettingsService = ReturnType<typeof createLearningSettingsService>;
