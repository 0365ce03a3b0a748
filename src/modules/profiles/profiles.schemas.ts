/**
 * Request and response schemas of public profiles: the learner's own settings (username, on or
 * off) and what anyone may read once the profile is on.
 */
import { Type, type Static } from 'typebox';
import { Completion, StatusCounts } from '../progress/progress.schemas.js';
import { Slug } from '../roadmaps/roadmaps.schemas.js';

const strict = { additionalProperties: false } as const;
const Day = Type.String({
  format: 'date',
  description: 'A calendar day in UTC (YYYY-MM-DD); the time of day is not shown.',
});

/** The same rule as the table's check: 3 to 32 of a-z, 0-9 and '-', not at either end. */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$';

export const Username = Type.String({
  pattern: USERNAME_PATTERN,
  minLength: 3,
  maxLength: 32,
  description:
    'The public profile address, /u/{username}: 3 to 32 lower-case letters, digits and ' +
    'hyphens, not starting or ending with a hyphen. Some names (admin, api, me...) are reserved.',
});

export const ProfileSettings = Type.Object({
  username: Type.Union([Username, Type.Null()], { description: 'Null until one is chosen.' }),
  public: Type.Boolean({
    description:
      'Whether the profile and its progress card can be seen by anyone. Off by default; ' +
      'needs a username.',
  }),
});
export type ProfileSettings = Static<typeof ProfileSettings>;

export const ProfileSettingsBody = Type.Object(
  {
    username: Type.Union([Username, Type.Null()], {
      description: 'The username to use, or null for none (only while the profile is off).',
    }),
    public: Type.Boolean({ description: 'Turn the public profile on or off.' }),
  },
  strict,
);
export type ProfileSettingsBody = Static<typeof ProfileSettingsBody>;

export const UsernameParams = Type.Object({ username: Username }, strict);

export const CardQuery = Type.Object(
  {
    /** The roadmap to show; by default the one the learner worked on most recently. */
    roadmap: Type.Optional(Slug),
  },
  strict,
);

export const PublicRoadmapProgress = Type.Object({
  slug: Slug,
  title: Type.String(),
  ...Completion,
  counts: StatusCounts,
  lastActivityOn: Day,
});
export type PublicRoadmapProgress = Static<typeof PublicRoadmapProgress>;

export const PublicProfile = Type.Object(
  {
    username: Username,
    displayName: Type.String(),
    lastActivityOn: Type.Union([Day, Type.Null()], {
      description: 'The last day the learner changed a status; null when they never have.',
    }),
    roadmaps: Type.Array(PublicRoadmapProgress, {
      description: 'Each roadmap the learner has marked a topic on, most recently active first.',
    }),
  },
  {
    description:
      'What anyone may see of a learner who turned their profile on: their display name, ' +
      'username and progress per roadmap. Nothing else (no email, notes or history).',
  },
);
export type PublicProfile = Static<typeof PublicProfile>;
