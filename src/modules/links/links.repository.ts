/**
 * SQL for personal links. Adding one happens under a transaction-scoped advisory lock on the
 * learner's topic, so the count and duplicate checks and the insert are one step: concurrent
 * adds cannot push a topic past its limit.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { topicLinks } from '../../db/schema.js';

/** Whose links on which topic: keyed like progress, by the roadmap's slug and topic id. */
export interface LinkKey {
  userId: string;
  roadmapSlug: string;
  topicId: string;
}

export type StoredLink = Pick<typeof topicLinks.$inferSelect, 'id' | 'url' | 'title' | 'createdAt'>;

export type AddOutcome =
  | { added: StoredLink }
  | { refused: 'full'; count: number }
  | { refused: 'duplicate'; existing: StoredLink };

const isTopic = (key: LinkKey) =>
  and(
    eq(topicLinks.userId, key.userId),
    eq(topicLinks.roadmapSlug, key.roadmapSlug),
    eq(topicLinks.topicId, key.topicId),
  );
const columns = {
  id: topicLinks.id,
  url: topicLinks.url,
  title: topicLinks.title,
  createdAt: topicLinks.createdAt,
};

export function createLinksRepository(db: Database) {
  return {
    /** Oldest first; the id breaks ties between links added in the same instant. */
    async list(key: LinkKey): Promise<StoredLink[]> {
      return db
        .select(columns)
        .from(topicLinks)
        .where(isTopic(key))
        .orderBy(asc(topicLinks.createdAt), asc(topicLinks.id));
    },

    /** Adds the link unless the topic already holds `max` links or this very URL. */
    async add(
      key: LinkKey,
      link: { url: string; title: string },
      max: number,
      at: Date,
    ): Promise<AddOutcome> {
      return db.transaction(async (tx) => {
        // Slugs and topic ids never hold a space, so the key names one topic of one learner.
        const lock = `topic_links ${key.userId} ${key.roadmapSlug} ${key.topicId}`;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`);
        const existing = await tx.select(columns).from(topicLinks).where(isTopic(key));
        const same = existing.find((l) => l.url === link.url);
        if (same) return { refused: 'duplicate', existing: same };
        if (existing.length >= max) return { refused: 'full', count: existing.length };
        const [added] = await tx
          .insert(topicLinks)
          .values({ ...key, ...link, createdAt: at })
          .returning(columns);
        return { added: added! };
      });
    },

    /** Whether a link with this id was on this learner's topic (and now is not). */
    async remove(key: LinkKey, id: string): Promise<boolean> {
      const removed = await db
        .delete(topicLinks)
        .where(and(isTopic(key), eq(topicLinks.id, id)))
        .returning({ id: topicLinks.id });
      return removed.length > 0;
    },
  };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
