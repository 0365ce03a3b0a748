/**
 * "New since your last visit" for visitors without an account: this browser remembers which
 * topics a roadmap had at the last visit (localStorage), and a topic not among them is new.
 * The first visit marks nothing new, as for an account. Signed in, the server answers the same
 * question from the topics' own dates (POST /me/roadmaps/{slug}/visits).
 */
import { storage } from './progressLocal';

const PREFIX = 'waymark:visit:v1:';
const NOTHING: ReadonlySet<string> = new Set();

function previousTopicIds(store: Storage, slug: string): Set<string> | null {
  try {
    const parsed: unknown = JSON.parse(store.getItem(PREFIX + slug) ?? 'null');
    const ids = (parsed as { topicIds?: unknown } | null)?.topicIds;
    return Array.isArray(ids) ? new Set(ids.filter((id) => typeof id === 'string')) : null;
  } catch {
    return null; // unreadable: as if this were the first visit
  }
}

/**
 * Records a visit to a roadmap that has `topicIds` now, and returns those it did not have at
 * the previous visit. Nothing is new when there was no previous visit or nothing can be stored.
 */
export function recordLocalVisit(slug: string, topicIds: readonly string[]): ReadonlySet<string> {
  const store = storage();
  if (!store) return NOTHING;
  const previous = previousTopicIds(store, slug);
  try {
    store.setItem(PREFIX + slug, JSON.stringify({ topicIds }));
  } catch {
    // Storage full or refused: this visit is not remembered; what was new stays new.
  }
  if (previous === null) return NOTHING;
  return new Set(topicIds.filter((id) => !previous.has(id)));
}
