/**
 * "New since your last visit": the topics added to a roadmap since the signed-in learner's
 * previous visit, from `POST /me/roadmaps/{slug}/visits`, recorded once per page load.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { LOCAL_OWNER, useProgressOwner } from './progress';
import { progressApi } from './progressApi';

const visits = new Map<string, ReadonlySet<string>>();
const visiting = new Set<string>();
const listeners = new Set<() => void>();
const NONE: ReadonlySet<string> = new Set();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ids of the new topics; none for visitors without an account, or until known. */
export function useNewTopics(slug: string): ReadonlySet<string> {
  const owner = useProgressOwner();
  const key = `${owner}|${slug}`;
  useEffect(() => {
    if (owner === null || owner === LOCAL_OWNER || visiting.has(key)) return;
    visiting.add(key);
    progressApi.visit(slug).then(
      (visit) => {
        visits.set(key, new Set(visit.newTopicIds));
        for (const l of listeners) l();
      },
      // Nothing is marked new; the roadmap works as before.
      () => visits.set(key, NONE),
    );
  }, [key, owner, slug]);
  return useSyncExternalStore(
    subscribe,
    () => visits.get(key) ?? NONE,
    () => NONE,
  );
}
