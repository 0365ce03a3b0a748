/**
 * What the Kanban board asks the server beyond progress (progressApi.ts): the learner's
 * work-in-progress limit, from their learning settings.
 */
import { apiSend } from './auth';

const SETTINGS = '/api/v1/me/learning-settings';

export const boardApi = {
  wipLimit: async (): Promise<number> =>
    (await apiSend<{ wipLimit: number }>('GET', SETTINGS)).wipLimit,

  /** Resolves with the limit now stored. */
  setWipLimit: async (wipLimit: number): Promise<number> =>
    (await apiSend<{ wipLimit: number }>('PATCH', SETTINGS, { wipLimit })).wipLimit,
};
