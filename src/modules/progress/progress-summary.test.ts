import { describe, expect, it } from 'vitest';
import type { ProgressStatus } from '../../db/progress.schema.js';
import { percent, summarize, type StoredState } from './progress-summary.js';

const box = { x: 0, y: 0, width: 1, height: 1 };
const topic = (id: string, sectionId: string) => ({
  id,
  sectionId,
  title: id,
  summary: '',
  optional: false,
  alternatives: [],
  concepts: [],
  hours: 1,
  box,
});
const roadmap = {
  slug: 'sample',
  sections: [
    { id: 'first', title: 'First', summary: '', topicIds: ['a', 'b', 'c'], box },
    { id: 'second', title: 'Second', summary: '', topicIds: ['d'], box },
  ],
  topics: [topic('a', 'first'), topic('b', 'first'), topic('c', 'first'), topic('d', 'second')],
};
const at = new Date('2026-01-02T03:04:05.000Z');
const state = (topicId: string, status: ProgressStatus): StoredState => ({
  topicId,
  status,
  updatedAt: at,
});

describe('summarize', () => {
  it('when nothing is recorded, then every topic is not_started and nothing is complete', () => {
    const summary = summarize(roadmap, []);
    expect(summary.topics.map((t) => [t.topicId, t.status, t.updatedAt])).toEqual([
      ['a', 'not_started', null],
      ['b', 'not_started', null],
      ['c', 'not_started', null],
      ['d', 'not_started', null],
    ]);
    expect(summary.counts).toEqual({ not_started: 4, learning: 0, done: 0, skipped: 0, review: 0 });
    expect(summary.total).toEqual({ topics: 4, complete: 0, percent: 0 });
  });

  it('counts done, skipped and review as complete, learning and not_started as not', () => {
    const summary = summarize(roadmap, [
      state('a', 'done'),
      state('b', 'skipped'),
      state('c', 'learning'),
      state('d', 'review'),
    ]);
    expect(summary.counts).toEqual({ not_started: 0, learning: 1, done: 1, skipped: 1, review: 1 });
    expect(summary.sections).toEqual([
      { sectionId: 'first', title: 'First', topics: 3, complete: 2, percent: 66 },
      { sectionId: 'second', title: 'Second', topics: 1, complete: 1, percent: 100 },
    ]);
    expect(summary.total).toEqual({ topics: 4, complete: 3, percent: 75 });
    expect(summary.topics[0]).toEqual({
      topicId: 'a',
      sectionId: 'first',
      status: 'done',
      updatedAt: at.toISOString(),
    });
  });

  it('leaves out states of topics no longer on the roadmap', () => {
    const summary = summarize(roadmap, [state('gone', 'done'), state('a', 'done')]);
    expect(summary.topics.map((t) => t.topicId)).toEqual(['a', 'b', 'c', 'd']);
    expect(summary.counts.done).toBe(1);
    expect(summary.total.complete).toBe(1);
  });
});

describe('percent', () => {
  it('rounds down, so 100 means every topic', () => {
    expect(percent(199, 200)).toBe(99);
    expect(percent(200, 200)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });

  it('is 0 for a section without topics', () => {
    expect(percent(0, 0)).toBe(0);
  });
});
