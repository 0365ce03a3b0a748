/** Request and response schemas of a learner's personal links on a topic. */
import { Type, type Static } from 'typebox';
import { TopicParams } from '../progress/progress.schemas.js';
import { Slug, TopicId } from '../roadmaps/roadmaps.schemas.js';

const strict = { additionalProperties: false } as const;

export const LINK_URL_MAX_CHARS = 2048;
export const LINK_TITLE_MAX_CHARS = 200;
/** Enough for a reading list per topic; a bound so one learner cannot grow a topic forever. */
export const LINKS_PER_TOPIC = 50;

export const LinkParams = Type.Object(
  { ...TopicParams.properties, linkId: Type.String({ format: 'uuid' }) },
  strict,
);

export const NewLinkBody = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: LINK_URL_MAX_CHARS,
      description:
        `An absolute http or https URL, at most ${LINK_URL_MAX_CHARS} characters, without ` +
        'a user name or password in it. Stored normalized (as a browser would show it).',
    }),
    title: Type.Optional(
      Type.String({
        maxLength: LINK_TITLE_MAX_CHARS,
        description:
          `What to call the link, at most ${LINK_TITLE_MAX_CHARS} characters; runs of ` +
          "white space become one space. Empty or left out: the URL's host name.",
      }),
    ),
  },
  strict,
);
export type NewLinkBody = Static<typeof NewLinkBody>;

export const Link = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  title: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Link = Static<typeof Link>;

export const TopicLinks = Type.Object({
  roadmapSlug: Slug,
  topicId: TopicId,
  links: Type.Array(Link, { description: 'Oldest first.' }),
  max: Type.Integer({ description: 'How many links a topic can hold.' }),
});
export type TopicLinks = Static<typeof TopicLinks>;
