/**
 * A learner's progress on a roadmap, shared by everything that shows or changes it (the
 * roadmap graph, the topic panel, the Kanban board): from the account when signed in, from
 * this browser (localStorage) otherwise. A change shows at once; if the server refuses it, it
 * is rolled back and the failure kept for the page to show. When someone with progress in
 * this browser signs in, it is merged into their account and cleared here.
 *
 *   const progress = useRoadmapProgress(view);
 *   progress.statusOf('dns');                 // 'done'
 *   await progress.setStatus('dns', 'review'); // false if it failed (see progress.failure)
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { summarize } from '../../../src/modules/progress/progress-summary';
import { ApiError } from './api';
import { useSession } from './auth';
import {
  MERGE_MAX_CHANGES,
  progressApi,
  type ProgressStatus,
  type RoadmapProgress,
} from './progressApi';
import {
  clearLocalProgress,
  isLocalProgressKey,
  localChanges,
  localStatuses,
  recordLocalChange,
} from './progressLocal';

export type { ProgressStatus };

/** In the order a topic usually goes through them. */
export const STATUSES: readonly ProgressStatus[] = [
  'not_started',
  'learning',
  'done',
  'review',
  'skipped',
];

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  not_started: 'Not started',
  learning: 'Learning',
  done: 'Done',
  review: 'Review',
  skipped: 'Skipped',
};

/** The roadmap page's keyboard shortcuts (lower case). */
export const STATUS_KEYS: Record<ProgressStatus, string> = {
  not_started: 'n',
  learning: 'l',
  done: 'd',
  review: 'r',
  skipped: 's',
};

/**
 * Where the progress comes from: `loading` until known (and while merging), `account` when
 * signed in, `local` for visitors without an account, `error` when it could not be loaded.
 */
export type ProgressMode = 'loading' | 'account' | 'local' | 'error';

/** A change that could not be saved, and was rolled back. */
export interface ProgressFailure {
  topicId: string;
  status: ProgressStatus;
  message: string;
}

/** The last change made here, for an announcement. `seq` tells two equal changes apart. */
export interface ProgressChange {
  topicId: string;
  status: ProgressStatus;
  seq: number;
}

interface Entry {
  /** The signed-in user's id, or LOCAL. */
  owner: string;
  mode: ProgressMode;
  statuses: Readonly<Record<string, ProgressStatus>>;
  /** Per topic, bumped by every change that took effect (views of its history reload). */
  revisions: Readonly<Record<string, number>>;
  lastChange: ProgressChange | null;
  failure: ProgressFailure | null;
  error: ApiError | null;
  /** Topics whose browser progress was just merged into the account; null if none. */
  merged: number | null;
  /** Why this browser's progress could not be merged (it stays here for the next try). */
  mergeFailure: string | null;
}

export const LOCAL_OWNER = 'local';
const LOCAL = LOCAL_OWNER;
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
/** The status the server last confirmed, per `owner|slug|topic`: what a rollback returns to. */
const confirmed = new Map<string, ProgressStatus>();
/** Each topic's changes go to the server one after another, in the order they were made. */
const queues = new Map<string, Promise<unknown>>();
const latest = new Map<string, number>();
let seq = 0;
let loads = 0;

function emit(): void {
  for (const l of listeners) l();
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function update(slug: string, owner: string, change: (e: Entry) => Partial<Entry>): void {
  const e = entries.get(slug);
  if (!e || e.owner !== owner) return;
  entries.set(slug, { ...e, ...change(e) });
  emit();
}
const fresh = (owner: string, mode: ProgressMode, statuses = {}): Entry => ({
  owner,
  mode,
  statuses,
  revisions: {},
  lastChange: null,
  failure: null,
  error: null,
  merged: null,
  mergeFailure: null,
});
const topicKey = (owner: string, slug: string, topicId: string): string =>
  `${owner}|${slug}|${topicId}`;
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

// Another tab of this browser changed a visitor's progress: show it here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (!isLocalProgressKey(event.key)) return;
    for (const [slug, e] of entries) {
      if (e.owner === LOCAL) {
        entries.set(slug, { ...e, statuses: localStatuses(localChanges(slug)) });
      }
    }
    emit();
  });
}

/**
 * The account's progress, after merging what this browser holds for the roadmap (only topics
 * still on it: changes of topics removed since cannot be merged, and are dropped).
 */
async function loadAccount(
  view: RoadmapView,
): Promise<{ progress: RoadmapProgress; merged: number | null; failure: string | null }> {
  const changes = localChanges(view.slug);
  if (changes.length > 0) {
    const current = new Set(view.topics.map((t) => t.id));
    const mergeable = changes.filter((c) => current.has(c.topicId)).slice(-MERGE_MAX_CHANGES);
    if (mergeable.length === 0) {
      clearLocalProgress(view.slug);
    } else {
      try {
        const result = await progressApi.merge(view.slug, mergeable);
        clearLocalProgress(view.slug);
        const topics = new Set(mergeable.map((c) => c.topicId)).size;
        return { progress: result.progress, merged: topics, failure: null };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) throw error;
        // Kept in this browser for the next attempt; the account's own progress still shows.
        const failure = `Your progress from this browser could not be added to your account: ${messageOf(error)}`;
        return { progress: await progressApi.progress(view.slug), merged: null, failure };
      }
    }
  }
  return { progress: await progressApi.progress(view.slug), merged: null, failure: null };
}

function ensure(view: RoadmapView, owner: string): void {
  const slug = view.slug;
  const e = entries.get(slug);
  if (e && e.owner === owner && e.mode !== 'error') return;
  if (owner === LOCAL) {
    entries.set(slug, fresh(LOCAL, 'local', localStatuses(localChanges(slug))));
    emit();
    return;
  }
  const load = ++loads;
  entries.set(slug, fresh(owner, 'loading'));
  emit();
  loadAccount(view).then(
    ({ progress, merged, failure }) => {
      const now = entries.get(slug);
      if (!now || now.owner !== owner || load !== loads) return;
      const statuses: Record<string, ProgressStatus> = {};
      for (const t of progress.topics) {
        statuses[t.topicId] = t.status;
        confirmed.set(topicKey(owner, slug, t.topicId), t.status);
      }
      entries.set(slug, { ...fresh(owner, 'account', statuses), merged, mergeFailure: failure });
      emit();
    },
    (error: unknown) => {
      if (load !== loads) return;
      update(slug, owner, () => ({
        mode: 'error',
        error: error instanceof ApiError ? error : new ApiError(0, 'Error', messageOf(error)),
      }));
    },
  );
}

/** Sets a topic's status; resolves false when it could not be saved (and was rolled back). */
function setStatus(slug: string, topicId: string, status: ProgressStatus): Promise<boolean> {
  const e = entries.get(slug);
  if (!e || (e.mode !== 'account' && e.mode !== 'local')) return Promise.resolve(false);
  const owner = e.owner;
  const before = e.statuses[topicId] ?? 'not_started';
  if (before === status) return Promise.resolve(true);
  const change = { topicId, status, seq: ++seq };
  const applied = (x: Entry, to: ProgressStatus): Partial<Entry> => ({
    statuses: { ...x.statuses, [topicId]: to },
    revisions: { ...x.revisions, [topicId]: (x.revisions[topicId] ?? 0) + 1 },
  });

  if (owner === LOCAL) {
    try {
      recordLocalChange(slug, topicId, status);
    } catch (error) {
      update(slug, owner, () => ({ failure: { topicId, status, message: messageOf(error) } }));
      return Promise.resolve(false);
    }
    update(slug, owner, (x) => ({ ...applied(x, status), lastChange: change, failure: null }));
    return Promise.resolve(true);
  }

  // Shown at once; the server's answer confirms it or rolls it back.
  update(slug, owner, (x) => ({
    statuses: { ...x.statuses, [topicId]: status },
    lastChange: change,
    failure: null,
  }));
  const key = topicKey(owner, slug, topicId);
  latest.set(key, change.seq);
  const sent = (queues.get(key) ?? Promise.resolve()).then(() =>
    progressApi.setStatus(slug, topicId, status),
  );
  queues.set(
    key,
    sent.catch(() => undefined),
  );
  return sent.then(
    (saved) => {
      confirmed.set(key, saved.status);
      if (latest.get(key) === change.seq) update(slug, owner, (x) => applied(x, saved.status));
      return true;
    },
    (error: unknown) => {
      // A later change of the topic is on its way: it decides the status.
      if (latest.get(key) === change.seq) {
        const back = confirmed.get(key) ?? 'not_started';
        update(slug, owner, (x) => ({ statuses: { ...x.statuses, [topicId]: back } }));
      }
      // Shown whoever is signed in now (a 401 signs the browser out meanwhile).
      const now = entries.get(slug);
      if (now) {
        entries.set(slug, { ...now, failure: { topicId, status, message: messageOf(error) } });
        emit();
      }
      return false;
    },
  );
}

export interface RoadmapProgressHandle {
  mode: ProgressMode;
  /** Status of every topic that has one; topics left out are not started. */
  statuses: Readonly<Record<string, ProgressStatus>>;
  statusOf: (topicId: string) => ProgressStatus;
  /** Counts and completion per section and in total, as the server computes them. */
  summary: RoadmapProgress;
  setStatus: (topicId: string, status: ProgressStatus) => Promise<boolean>;
  /** Bumped each time the topic's status changed here (to reload its history). */
  revisionOf: (topicId: string) => number;
  lastChange: ProgressChange | null;
  failure: ProgressFailure | null;
  dismissFailure: () => void;
  /** Why the progress could not be loaded (mode `error`). */
  error: ApiError | null;
  retry: () => void;
  /** Topics whose progress in this browser was just merged into the account. */
  merged: number | null;
  mergeFailure: string | null;
}

/**
 * Who the progress belongs to: the signed-in user's id, LOCAL_OWNER for a visitor without an
 * account, or null while the session is unknown.
 */
export function useProgressOwner(): string | null {
  const session = useSession();
  if (session.status === 'signedIn') return session.user.id;
  return session.status === 'loading' ? null : LOCAL;
}

const NO_ROADMAP: Pick<RoadmapView, 'slug' | 'sections' | 'topics'> = {
  slug: '',
  sections: [],
  topics: [],
};

/**
 * The learner's progress on `view`'s roadmap; every component using it shares one state.
 * While `view` is null (still loading) there is nothing, in mode `loading`.
 */
export function useRoadmapProgress(view: RoadmapView | null): RoadmapProgressHandle {
  const owner = useProgressOwner();
  const slug = view?.slug ?? '';
  useEffect(() => {
    if (view && owner !== null) ensure(view, owner);
  }, [view, owner]);
  const entry = useSyncExternalStore(
    subscribe,
    () => entries.get(slug),
    () => undefined,
  );
  const current = entry && entry.owner === owner ? entry : undefined;
  const statuses = current?.statuses ?? EMPTY;
  const summary = useMemo(
    () =>
      summarize(
        view ?? NO_ROADMAP,
        Object.entries(statuses).map(([topicId, status]) => ({
          topicId,
          status,
          updatedAt: new Date(0),
        })),
      ),
    [view, statuses],
  );
  const set = useCallback(
    (topicId: string, status: ProgressStatus) => setStatus(slug, topicId, status),
    [slug],
  );
  const dismissFailure = useCallback(() => {
    const e = entries.get(slug);
    if (e?.failure) {
      entries.set(slug, { ...e, failure: null });
      emit();
    }
  }, [slug]);
  const retry = useCallback(() => {
    if (view && owner !== null) ensure(view, owner);
  }, [view, owner]);
  return {
    mode: current?.mode ?? 'loading',
    statuses,
    statusOf: (topicId) => statuses[topicId] ?? 'not_started',
    summary,
    setStatus: set,
    revisionOf: (topicId) => current?.revisions[topicId] ?? 0,
    lastChange: current?.lastChange ?? null,
    failure: current?.failure ?? null,
    dismissFailure,
    error: current?.error ?? null,
    retry,
    merged: current?.merged ?? null,
    mergeFailure: current?.mergeFailure ?? null,
  };
}
