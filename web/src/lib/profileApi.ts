/**
 * Public profiles: the learner's own settings (username, on or off), what anyone may read of
 * a profile that is on, and the progress card's address and README snippet.
 */
import type {
  ProfileSettings,
  PublicProfile,
} from '../../../src/modules/profiles/profiles.schemas';
import { networkError, problemError } from './api';
import { apiSend } from './auth';

export type { ProfileSettings, PublicProfile };
export type PublicRoadmapProgress = PublicProfile['roadmaps'][number];

const SETTINGS_URL = '/api/v1/me/profile';
const enc = encodeURIComponent;

/** As the API's rule: 3 to 32 of a-z, 0-9 and '-', not at either end. */
export const USERNAME = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;

/** What is wrong with a username as typed, or null when the server may have the last word. */
export function usernameProblem(username: string): string | null {
  if (username.length < 3) return 'Use at least 3 characters.';
  if (username.length > 32) return 'Use at most 32 characters.';
  if (!USERNAME.test(username))
    return 'Use lower-case letters, digits and hyphens, not starting or ending with a hyphen.';
  return null;
}

export const profileApi = {
  settings: (): Promise<ProfileSettings> => apiSend<ProfileSettings>('GET', SETTINGS_URL),
  saveSettings: (settings: ProfileSettings): Promise<ProfileSettings> =>
    apiSend<ProfileSettings>('PUT', SETTINGS_URL, settings),

  /**
   * Revalidated on every visit (a 304 when unchanged): the page shows a change, or the profile
   * turned off, at once, while other caches may keep a copy for the minute the API allows.
   */
  async publicProfile(username: string): Promise<PublicProfile> {
    let res: Response;
    try {
      res = await fetch(`/api/v1/users/${enc(username)}/profile`, {
        headers: { accept: 'application/json, application/problem+json' },
        cache: 'no-cache',
      });
    } catch {
      throw networkError();
    }
    if (res.ok) return (await res.json()) as PublicProfile;
    throw await problemError(res);
  },
};

/** The card's absolute address on `origin`, for one roadmap or the most recent one. */
export function cardUrl(origin: string, username: string, roadmap?: string): string {
  const path = `/api/v1/users/${enc(username)}/card.svg`;
  return `${origin}${path}${roadmap ? `?roadmap=${enc(roadmap)}` : ''}`;
}

/** Markdown that shows the card in a README and links it to the profile page. */
export function readmeSnippet(origin: string, username: string, roadmap?: string): string {
  return `[![Waymark progress](${cardUrl(origin, username, roadmap)})](${origin}/u/${enc(username)})`;
}
