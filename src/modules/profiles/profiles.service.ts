/**
 * Public profiles: a learner may choose a username and make their progress visible to anyone
 * at /u/{username}, with a progress card image for README files. Off by default; while it is
 * off, or for a username nobody has, every public read gives the same 404, so nobody can tell
 * a private profile from a missing one.
 */
import type { ProgressStatus } from '../../db/progress.schema.js';
import { AppError } from '../../http/errors.js';
import { summarize } from '../progress/progress-summary.js';
import type { LoadedRoadmap, RoadmapsService } from '../roadmaps/roadmaps.service.js';
import type { ProfilesRepository } from './profiles.repository.js';
import type {
  ProfileSettings,
  ProfileSettingsBody,
  PublicProfile,
  PublicRoadmapProgress,
} from './profiles.schemas.js';
import { renderCard } from './progress-card.js';
import { isReservedUsername } from './usernames.js';

export interface ProfilesServiceOptions {
  repository: ProfilesRepository;
  roadmaps: Pick<RoadmapsService, 'roadmap'>;
  now?: () => Date;
}

const invalidUsername = (message: string) =>
  new AppError('validation_failed', 'The request is invalid; see errors for each field.', {
    title: 'Invalid request',
    errors: [{ field: 'body.username', message }],
  });

/** The one answer for a profile that is private or does not exist. */
const noProfile = () => new AppError('not_found', 'There is no public profile with this name.');

const day = (at: Date) => at.toISOString().slice(0, 10);

interface StoredState {
  roadmapSlug: string;
  topicId: string;
  status: ProgressStatus;
  updatedAt: Date;
}

export function createProfilesService({
  repository,
  roadmaps,
  now = () => new Date(),
}: ProfilesServiceOptions) {
  /** The roadmap when it is in the catalog; undefined for one removed from the content. */
  const loaded = (slug: string): LoadedRoadmap | undefined => {
    try {
      return roadmaps.roadmap(slug);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    }
  };

  const progressOn = (
    roadmap: LoadedRoadmap,
    states: readonly StoredState[],
  ): Omit<PublicRoadmapProgress, 'lastActivityOn'> => {
    const summary = summarize(roadmap.view, states);
    return {
      slug: roadmap.view.slug,
      title: roadmap.view.title,
      topics: summary.total.topics,
      complete: summary.total.complete,
      percent: summary.total.percent,
      counts: summary.counts,
    };
  };

  /** What anyone may see of a username's profile; 404 unless it is public. */
  const publicView = async (username: string): Promise<PublicProfile> => {
    const owner = await repository.publicOwner(username);
    if (!owner) throw noProfile();
    const bySlug = new Map<string, StoredState[]>();
    for (const state of await repository.states(owner.userId)) {
      bySlug.set(state.roadmapSlug, [...(bySlug.get(state.roadmapSlug) ?? []), state]);
    }
    const progress: { lastAt: number; roadmap: PublicRoadmapProgress }[] = [];
    for (const [slug, own] of bySlug) {
      const roadmap = loaded(slug);
      if (!roadmap) continue;
      const lastAt = Math.max(...own.map((s) => s.updatedAt.getTime()));
      progress.push({
        lastAt,
        roadmap: { ...progressOn(roadmap, own), lastActivityOn: day(new Date(lastAt)) },
      });
    }
    // Most recently active first; ties by slug, so the order (and the ETag) is stable.
    progress.sort((a, b) => b.lastAt - a.lastAt || a.roadmap.slug.localeCompare(b.roadmap.slug));
    return {
      username,
      displayName: owner.displayName,
      lastActivityOn: progress[0]?.roadmap.lastActivityOn ?? null,
      roadmaps: progress.map((p) => p.roadmap),
    };
  };

  return {
    async settings(userId: string): Promise<ProfileSettings> {
      const stored = await repository.settings(userId);
      return { username: stored?.username ?? null, public: stored?.profilePublic ?? false };
    },

    /**
     * Replaces the learner's username and visibility. Refused, with nothing written: a
     * reserved name (400), a public profile without a username (400), a username another
     * learner has (409, decided by the unique index, so of two learners asking at once
     * exactly one gets it).
     */
    async saveSettings(userId: string, body: ProfileSettingsBody): Promise<ProfileSettings> {
      if (body.username !== null && isReservedUsername(body.username)) {
        throw invalidUsername(`"${body.username}" is reserved; choose another username.`);
      }
      if (body.public && body.username === null) {
        throw invalidUsername('A public profile needs a username.');
      }
      const outcome = await repository.saveSettings(
        userId,
        { username: body.username, profilePublic: body.public },
        now(),
      );
      if (outcome === 'taken') {
        throw new AppError(
          'conflict',
          `The username "${body.username}" is taken; choose another.`,
          { errors: [{ field: 'body.username', message: 'This username is taken.' }] },
        );
      }
      return { username: body.username, public: body.public };
    },

    publicProfile: publicView,

    /**
     * The progress card of one roadmap: the one asked for (even if not started: 0%), else the
     * one worked on most recently. A private or unknown profile is a 404 before anything
     * else, whatever roadmap is asked for.
     */
    async card(username: string, roadmapSlug: string | undefined): Promise<string> {
      const profile = await publicView(username);
      const chosen =
        roadmapSlug === undefined
          ? profile.roadmaps[0]
          : (profile.roadmaps.find((r) => r.slug === roadmapSlug) ??
            progressOn(roadmaps.roadmap(roadmapSlug), []));
      return renderCard({
        displayName: profile.displayName,
        username: profile.username,
        roadmap: chosen ?? null,
      });
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
