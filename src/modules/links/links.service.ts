/**
 * Learners' personal links per topic: their own bookmarks beside the topic's curated
 * resources. Only http and https URLs are kept (anything else could run script when
 * clicked), a topic holds a bounded number, and a removed topic keeps its links, read-only.
 */
import { AppError, notFound } from '../../http/errors.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import type { LinkKey, LinksRepository, StoredLink } from './links.repository.js';
import {
  LINK_URL_MAX_CHARS,
  LINKS_PER_TOPIC,
  type Link,
  type NewLinkBody,
  type TopicLinks,
} from './links.schemas.js';

export interface LinksServiceOptions {
  repository: LinksRepository;
  roadmaps: Pick<RoadmapsService, 'topicState'>;
  now?: () => Date;
}

const invalidUrl = (message: string) =>
  new AppError('validation_failed', `The URL ${message}.`, {
    errors: [{ field: 'body.url', message: `The URL ${message}.` }],
  });

/** The URL as the browser would show it; refused unless it is plain http(s). */
export function parseLinkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidUrl('is not an absolute URL (such as https://example.com/page)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidUrl('must start with http:// or https://');
  }
  // A password in a bookmark is a secret kept in the wrong place; a user name is a classic
  // disguise (https://trusted.example@evil.example).
  if (url.username !== '' || url.password !== '') {
    throw invalidUrl('must not contain a user name or password');
  }
  if (url.href.length > LINK_URL_MAX_CHARS) {
    throw invalidUrl(`is longer than ${LINK_URL_MAX_CHARS} characters once normalized`);
  }
  return url;
}

/** Control characters and runs of white space become one space; empty means the host. */
export function linkTitle(title: string | undefined, url: URL): string {
  return title?.replace(/[\s\p{Cc}]+/gu, ' ').trim() || url.hostname;
}

const present = (link: StoredLink): Link => ({
  id: link.id,
  url: link.url,
  title: link.title,
  createdAt: link.createdAt.toISOString(),
});

export function createLinksService({
  repository,
  roadmaps,
  now = () => new Date(),
}: LinksServiceOptions) {
  /** A topic removed from the roadmap keeps its links but takes no changes. */
  async function assertWritable(key: LinkKey): Promise<void> {
    if ((await roadmaps.topicState(key.roadmapSlug, key.topicId)) === 'archived') {
      throw new AppError(
        'conflict',
        `Topic "${key.topicId}" was removed from roadmap "${key.roadmapSlug}"; its links are ` +
          'kept, but can no longer change.',
      );
    }
  }

  return {
    async list(key: LinkKey): Promise<TopicLinks> {
      await roadmaps.topicState(key.roadmapSlug, key.topicId);
      return {
        roadmapSlug: key.roadmapSlug,
        topicId: key.topicId,
        links: (await repository.list(key)).map(present),
        max: LINKS_PER_TOPIC,
      };
    },

    async add(key: LinkKey, body: NewLinkBody): Promise<Link> {
      await assertWritable(key);
      const url = parseLinkUrl(body.url);
      const outcome = await repository.add(
        key,
        { url: url.href, title: linkTitle(body.title, url) },
        LINKS_PER_TOPIC,
        now(),
      );
      if ('added' in outcome) return present(outcome.added);
      if (outcome.refused === 'duplicate') {
        throw new AppError('conflict', 'This URL is already among your links on this topic.', {
          existing: present(outcome.existing),
        });
      }
      throw new AppError(
        'conflict',
        `A topic holds at most ${LINKS_PER_TOPIC} links; remove one before adding another.`,
        { max: LINKS_PER_TOPIC },
      );
    },

    async remove(key: LinkKey, linkId: string): Promise<void> {
      await assertWritable(key);
      if (!(await repository.remove(key, linkId))) throw notFound(`Link "${linkId}"`);
    },
  };
}

export type LinksService = ReturnType<typeof createLinksService>;
