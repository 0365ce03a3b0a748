/**
 * Public profiles. `/me/profile` (the learner's own settings) is registered in the personal
 * scope; `/users/{username}/...` (what anyone may read) beside it, so reading a profile or
 * its card parses no cookie and looks up no session.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendTagged, strongEtag } from '../../http/caching.js';
import { ProblemSchema } from '../../http/problem.js';
import { profilesPolicy as policy } from './profiles.policy.js';
import {
  CardQuery,
  ProfileSettings,
  ProfileSettingsBody,
  PublicProfile,
  UsernameParams,
} from './profiles.schemas.js';
import type { ProfilesService } from './profiles.service.js';
import { CARD_CSP } from './progress-card.js';

const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/**
 * Short, so that turning a profile off takes effect everywhere within a minute: caches may
 * keep a copy for that long, and revalidate it cheaply with If-None-Match after.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';

const cachingHeaders = {
  ETag: { schema: { type: 'string' }, description: 'Strong validator of this representation.' },
  'Cache-Control': { schema: { type: 'string' } },
};
const notModified = {
  description: 'Not Modified: the copy named in If-None-Match is current.',
  type: 'null',
};
const staleness =
  'Cached for up to 60 seconds (`Cache-Control: public, max-age=60`), so a change, or ' +
  'turning the profile off, shows everywhere within a minute; send `If-None-Match` with the ' +
  '`ETag` to revalidate (304). A private profile and a username nobody has give the same 404.';

export const profileSettingsRoutes: FastifyPluginAsyncTypebox<{
  profiles: ProfilesService;
}> = async (app, { profiles }) => {
  app.get(
    '/me/profile',
    {
      config: policy.readSettings,
      schema: {
        operationId: 'getProfileSettings',
        tags: ['profiles'],
        summary: 'Your public profile settings',
        description:
          'Your username and whether your profile is public (off until you turn it on). ' +
          'Needs `profile:read` with a token.',
        security,
        response: { 200: ProfileSettings, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return profiles.settings(request.auth!.userId);
    },
  );

  app.put(
    '/me/profile',
    {
      config: policy.writeSettings,
      schema: {
        operationId: 'putProfileSettings',
        tags: ['profiles'],
        summary: 'Choose a username and turn your public profile on or off',
        description:
          'When public, anyone can see your display name, username and progress per roadmap ' +
          '(counts per status, percent complete, the day of your last change) at ' +
          '/u/{username}, and a progress card image. Nothing else: not your email, notes or ' +
          'history. A public profile needs a username. A username another learner has is ' +
          'refused (409); reserved names (admin, api, me...) too (400). Nothing is changed ' +
          'when refused. Browser sessions only. ' +
          'Turning it off takes effect at once here, and within 60 seconds in caches.',
        security: [{ session: [] }],
        body: ProfileSettingsBody,
        response: { 200: ProfileSettings, ...problems(400, 401, 403, 409, 415) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return profiles.saveSettings(request.auth!.userId, request.body);
    },
  );
};

export const publicProfileRoutes: FastifyPluginAsyncTypebox<{
  profiles: ProfilesService;
}> = async (app, { profiles }) => {
  app.get(
    '/users/:username/profile',
    {
      config: policy.readPublic,
      schema: {
        operationId: 'getPublicProfile',
        tags: ['profiles'],
        summary: "A learner's public profile",
        description: `Only when the learner turned it on. ${staleness}`,
        params: UsernameParams,
        response: {
          200: { ...PublicProfile, headers: cachingHeaders },
          304: notModified,
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const body = JSON.stringify(await profiles.publicProfile(request.params.username));
      return sendTagged(
        request,
        reply,
        {
          body: Buffer.from(body),
          contentType: 'application/json; charset=utf-8',
          etag: strongEtag('profile', body),
        },
        PUBLIC_CACHE_CONTROL,
      );
    },
  );

  app.get(
    '/users/:username/card.svg',
    {
      config: policy.readCard,
      schema: {
        operationId: 'getProgressCard',
        tags: ['profiles'],
        summary: "A learner's progress card (SVG)",
        description:
          'An image for a README: `![Waymark progress](https://host/api/v1/users/{username}' +
          '/card.svg)`. Shows `?roadmap={slug}`, or else the roadmap the learner worked on ' +
          `most recently; light and dark follow the viewer's colour scheme. ${staleness}`,
        params: UsernameParams,
        querystring: CardQuery,
        response: {
          200: {
            description: 'The card.',
            headers: cachingHeaders,
            content: { 'image/svg+xml': { schema: { type: 'string' } } },
          },
          304: notModified,
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const svg = await profiles.card(request.params.username, request.query.roadmap);
      // On a 304 too: a cache refreshes its stored headers from it, and must keep these.
      reply.headers({
        'content-security-policy': CARD_CSP,
        // Any site may show the card as an image (the site-wide policy is same-site).
        'cross-origin-resource-policy': 'cross-origin',
      });
      return sendTagged(
        request,
        reply,
        {
          body: Buffer.from(svg),
          contentType: 'image/svg+xml; charset=utf-8',
          etag: strongEtag('card', svg),
        },
        PUBLIC_CACHE_CONTROL,
      );
    },
  );
};
