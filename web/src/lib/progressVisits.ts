/**
 * "New since your last visit": the topics added to a roadmap since the learner's previous
 * visit, recorded once per page load. Signed in, from `POST /me/roadmaps/{slug}/visits`;
 * without an account, from what this browser saw at the last visit (visitsLocal.ts).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { LOCAL_OWNER, useProgressOwner } from './progress';
import { progressApi } from './progressApi';
import { recordLocalVisit } from './visitsLocal';

const visits = new Map<string, ReadonlySet<string>>();
const visiting = new Set<string>();
const listeners = new Set<() => void>();
const NONE: ReadonlySet<string> = new Set();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function settle(key: string, topicIds: ReadonlySet<string>): void {
  visits.set(key, topicIds);
  for (const l of listeners) l();
}

/**
 * Ids of the new topics of `roadmap` (null while it loads); none until known, and none while
 * it is not known whose progress this is.
 */
export function useNewTopics(
  slug: string,
  roadmap: { topics: readonly { id: string }[] } | null,
): ReadonlySet<string> {
  const owner = useProgressOwner();
  const key = `${owner}|${slug}`;
  useEffect(() => {
    if (owner === null || visiting.has(key)) return;
    if (owner === LOCAL_OWNER) {
      if (roadmap === null) return;
      visiting.add(key);
      settle(
        key,
        recordLocalVisit(
          slug,
          roadmap.topics.map((t) => t.id),
        ),
      );
      return;
    }
    visiting.add(key);
    progressApi.visit(slug).then(
      (visit) => settle(key, new Set(visit.newTopicIds)),
      // Nothing is marked new; the roadmap works as before.
      () => visits.set(key, NONE),
    );
  }, [key, owner, slug, roadmap]);
  return useSyncExternalStore(
    subscribe,
    () => visits.get(key) ?? NONE,
    () => NONE,
  );
}
