/** The dashboard and the learning settings it edits (`/api/v1/me/dashboard`, `/me/learning-settings`). */
import type { Dashboard } from '../../../src/modules/dashboard/dashboard.schemas';
import type {
  LearningSettings,
  UpdateLearningSettingsBody,
} from '../../../src/modules/learning-settings/learning-settings.schemas';
import { apiSend } from './auth';

export type { Dashboard, LearningSettings, UpdateLearningSettingsBody };
export type RoadmapDashboard = Dashboard['roadmaps'][number];
export type Forecast = RoadmapDashboard['forecast'];
export type WeeklyGoal = Dashboard['weeklyGoal'];
export type HeatmapDay = Dashboard['heatmap']['days'][number];
export type SectionChanges = RoadmapDashboard['changes'][number];

export const dashboardApi = {
  dashboard: () => apiSend<Dashboard>('GET', '/api/v1/me/dashboard'),
  updateSettings: (changes: UpdateLearningSettingsBody) =>
    apiSend<LearningSettings>('PATCH', '/api/v1/me/learning-settings', changes),
};
