import { describe, expect, it } from 'vitest';
import type { ProgressStatus } from '../../db/progress.schema.js';
import type { TopicRevision } from '../roadmaps/roadmaps.service.js';
import { sectionChangesOf } from './section-changes.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const complete = new Set<ProgressStatus>(['done', 'skipped', 'review']);
const revision = (
  topicId: string,
  sectionId: string,
  times: { added?: number; changed?: number; archived?: number } = {},
): TopicRevision => ({
  topicId,
  sectionId,
  title: `Title of ${topicId}`,
  addedAt: day(times.added ?? 1),
  changedAt: times.changed ? day(times.changed) : null,
  archivedAt: times.archived ? day(times.archived) : null,
});

function changes(
  topics: { revision: TopicRevision; status?: ProgressStatus; completed?: number }[],
) {
  const current = topics.filter((t) => !t.revision.archivedAt);
  const sectionIds = [...new Set(topics.map((t) => t.revision.sectionId))];
  return sectionChangesOf({
    sections: sectionIds.map((id) => ({
      id,
      title: `Section ${id}`,
      topicIds: current.filter((t) => t.revision.sectionId === id).map((t) => t.revision.topicId),
    })),
    revisions: topics.map((t) => t.revision),
    isComplete: (s) => complete.has(s),
    statusOf: (id) => topics.find((t) => t.revision.topicId === id)?.status ?? 'not_started',
    completedAt: (id) => {
      const n = topics.find((t) => t.revision.topicId === id)?.completed;
      return n === undefined ? undefined : day(n);
    },
  });
}

describe('sectionChangesOf', () => {
  it('lists topics added, changed and removed after the section was finished', () => {
    const result = changes([
      { revision: revision('a', 's', { changed: 12 }), status: 'done', completed: 5 },
      { revision: revision('b', 's'), status: 'skipped', completed: 10 },
      { revision: revision('c', 's', { added: 15 }) },
      { revision: revision('gone', 's', { archived: 20 }), status: 'done', completed: 4 },
    ]);
    expect(result).toEqual([
      {
        sectionId: 's',
        title: 'Section s',
        finishedAt: day(10),
        added: [{ topicId: 'c', title: 'Title of c', at: day(15) }],
        changed: [{ topicId: 'a', title: 'Title of a', at: day(12) }],
        removed: [{ topicId: 'gone', title: 'Title of gone', at: day(20) }],
      },
    ]);
  });

  it('leaves out what changed before the section was finished', () => {
    expect(
      changes([
        { revision: revision('a', 's', { changed: 3 }), status: 'done', completed: 5 },
        { revision: revision('b', 's', { added: 4 }), status: 'review', completed: 6 },
        { revision: revision('gone', 's', { archived: 2 }) },
      ]),
    ).toEqual([]);
  });

  it('takes no section the learner has not finished', () => {
    expect(
      changes([
        { revision: revision('a', 's', { changed: 12 }), status: 'done', completed: 5 },
        { revision: revision('b', 's'), status: 'learning' },
      ]),
    ).toEqual([]);
    expect(changes([{ revision: revision('a', 's', { changed: 12 }) }])).toEqual([]);
  });

  it('takes the section as finished again once a topic added later is complete too', () => {
    const result = changes([
      { revision: revision('a', 's', { changed: 12 }), status: 'done', completed: 5 },
      { revision: revision('c', 's', { added: 8 }), status: 'done', completed: 14 },
      { revision: revision('d', 's', { changed: 20 }), status: 'done', completed: 2 },
    ]);
    expect(result.map((r) => [r.finishedAt, r.added, r.changed.map((c) => c.topicId)])).toEqual([
      [day(14), [], ['d']],
    ]);
  });

  it('never takes topics of the first load for new, even before a history imported from earlier', () => {
    // The content was first loaded on day 20; the learner's (imported) history is older.
    expect(
      changes([
        { revision: revision('a', 's', { added: 20 }), status: 'done', completed: 5 },
        { revision: revision('b', 's', { added: 20 }) },
      ]),
    ).toEqual([]);
    const result = changes([
      { revision: revision('a', 's', { added: 20, changed: 25 }), status: 'done', completed: 5 },
      { revision: revision('b', 's', { added: 20 }), status: 'done', completed: 6 },
    ]);
    expect(result.map((r) => [r.finishedAt, r.added, r.changed.map((c) => c.topicId)])).toEqual([
      [day(6), [], ['a']],
    ]);
  });

  it('keeps sections apart', () => {
    const result = changes([
      { revision: revision('a', 's'), status: 'done', completed: 5 },
      { revision: revision('x', 't', { changed: 9 }), status: 'done', completed: 3 },
      { revision: revision('y', 't', { archived: 30 }), status: 'done', completed: 2 },
    ]);
    expect(result.map((r) => [r.sectionId, r.changed.length, r.removed.length])).toEqual([
      ['t', 1, 1],
    ]);
  });
});
