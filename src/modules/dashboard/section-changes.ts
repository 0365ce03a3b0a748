/**
 * What changed in a roadmap's content since the learner finished each section. A section is
 * finished when every topic it had at the time was complete; the moment it was finished is
 * when the last of its complete topics became complete. Topics added to it, changed, or removed from it
 * after that moment are what the learner has not seen.
 */
import type { ProgressStatus } from '../../db/progress.schema.js';
import type { TopicRevision } from '../roadmaps/roadmaps.service.js';

export interface TopicChange {
  topicId: string;
  title: string;
  at: Date;
}

export interface SectionChanges {
  sectionId: string;
  title: string;
  finishedAt: Date;
  added: TopicChange[];
  changed: TopicChange[];
  removed: TopicChange[];
}

export function sectionChangesOf(input: {
  sections: readonly { id: string; title: string; topicIds: readonly string[] }[];
  /** Every topic of the roadmap, archived ones included. */
  revisions: readonly TopicRevision[];
  isComplete: (status: ProgressStatus) => boolean;
  statusOf: (topicId: string) => ProgressStatus;
  /** When the topic last became complete (from a status that was not). */
  completedAt: (topicId: string) => Date | undefined;
}): SectionChanges[] {
  const revisionOf = new Map(input.revisions.map((r) => [r.topicId, r]));
  // Topics of the roadmap's first load were always there, even for a history imported from
  // before it: only topics added by a later load can be new.
  const firstLoad = Math.min(...input.revisions.map((r) => r.addedAt.getTime()));
  const addedAfter = (r: TopicRevision, at: Date) =>
    r.addedAt > at && r.addedAt.getTime() > firstLoad;
  const result: SectionChanges[] = [];
  for (const section of input.sections) {
    const complete = section.topicIds.filter((id) => input.isComplete(input.statusOf(id)));
    const times = complete
      .map((id) => input.completedAt(id)?.getTime())
      .filter((t) => t !== undefined);
    if (times.length === 0) continue;
    const finishedAt = new Date(Math.max(...times));
    const current = section.topicIds.map((id) => revisionOf.get(id)).filter((r) => r !== undefined);
    // Finished then only if whatever is incomplete now came after it.
    const unfinished = current.some(
      (r) => !input.isComplete(input.statusOf(r.topicId)) && !addedAfter(r, finishedAt),
    );
    if (unfinished) continue;
    const change = (r: TopicRevision, at: Date): TopicChange => ({
      topicId: r.topicId,
      title: r.title,
      at,
    });
    const added = current.filter((r) => addedAfter(r, finishedAt)).map((r) => change(r, r.addedAt));
    const changed = current
      .filter((r) => !addedAfter(r, finishedAt) && r.changedAt && r.changedAt > finishedAt)
      .map((r) => change(r, r.changedAt!));
    const removed = input.revisions
      .filter((r) => r.sectionId === section.id && r.archivedAt && r.archivedAt > finishedAt)
      .map((r) => change(r, r.archivedAt!));
    if (added.length + changed.length + removed.length === 0) continue;
    result.push({
      sectionId: section.id,
      title: section.title,
      finishedAt,
      added,
      changed,
      removed,
    });
  }
  return result;
}
