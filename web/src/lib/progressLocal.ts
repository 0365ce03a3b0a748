/**
 * Progress of visitors without an account, kept in this browser (localStorage): per roadmap,
 * the list of status changes with their times. A topic's status is its last change, and the
 * list is its history, so signing in can merge every change into the account, nothing lost.
 */
import type { ProgressStatus } from '../../../src/db/progress.schema';

export interface LocalChange {
  topicId: string;
  /** Null for the topic's first change in this browser. */
  from: ProgressStatus | null;
  to: ProgressStatus;
  /** ISO 8601. */
  at: string;
}

/** Older changes of a topic are dropped beyond this: the merge takes at most 2,000 at once. */
export const MAX_CHANGES_PER_TOPIC = 20;
const PREFIX = 'waymark:progress:v1:';
const STATUSES: readonly string[] = ['not_started', 'learning', 'done', 'skipped', 'review'];

export const isLocalProgressKey = (key: string | null): boolean =>
  key !== null && key.startsWith(PREFIX);

/** The browser's localStorage, or null where it is disabled (some private modes). */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isChange(value: unknown): value is LocalChange {
  if (!value || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.topicId === 'string' &&
    (c.from === null || STATUSES.includes(c.from as string)) &&
    STATUSES.includes(c.to as string) &&
    typeof c.at === 'string' &&
    !Number.isNaN(Date.parse(c.at))
  );
}

/** This browser's changes on a roadmap, oldest first; whatever is unreadable is left out. */
export function localChanges(slug: string): LocalChange[] {
  try {
    const raw = storage()?.getItem(PREFIX + slug);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    const changes = (parsed as { changes?: unknown } | null)?.changes;
    return Array.isArray(changes) ? changes.filter(isChange) : [];
  } catch {
    return [];
  }
}

/** Each topic's status: its last change. Topics never changed are left out (not started). */
export function localStatuses(changes: readonly LocalChange[]): Record<string, ProgressStatus> {
  const statuses: Record<string, ProgressStatus> = {};
  for (const c of changes) statuses[c.topicId] = c.to;
  return statuses;
}

/**
 * Records a change of a topic's status; throws when the browser refuses to store it (storage
 * full or disabled). Setting the status a topic already has records nothing.
 */
export function recordLocalChange(
  slug: string,
  topicId: string,
  to: ProgressStatus,
  at = new Date(),
): LocalChange[] {
  const store = storage();
  if (!store) throw new Error('This browser does not allow saving data for this site.');
  const changes = localChanges(slug);
  const from = localStatuses(changes)[topicId] ?? null;
  if ((from ?? 'not_started') === to) return changes;
  const next = [...changes, { topicId, from, to, at: at.toISOString() }];
  const ofTopic = next.filter((c) => c.topicId === topicId);
  const drop = new Set(ofTopic.slice(0, Math.max(0, ofTopic.length - MAX_CHANGES_PER_TOPIC)));
  const kept = next.filter((c) => !drop.has(c));
  store.setItem(PREFIX + slug, JSON.stringify({ changes: kept }));
  return kept;
}

export function clearLocalProgress(slug: string): void {
  try {
    storage()?.removeItem(PREFIX + slug);
  } catch {
    /* nothing to clear */
  }
}
