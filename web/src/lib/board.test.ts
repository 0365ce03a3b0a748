import { describe, expect, it } from 'vitest';
import {
  BOARD_COLUMNS,
  cardsOf,
  groupColumns,
  neighbourColumn,
  wipState,
  type BoardCard,
  type BoardStatus,
} from './board';

const card = (id: string, status: BoardStatus, sectionId = 'basics'): BoardCard => ({
  id,
  title: id.toUpperCase(),
  sectionId,
  sectionTitle: sectionId,
  hours: 2,
  optional: false,
  status,
});

const cards = [
  card('dns', 'done'),
  card('http', 'learning'),
  card('tls', 'not_started', 'security'),
  card('sql', 'learning', 'data'),
  card('cors', 'not_started', 'security'),
];
const ids = (list: BoardCard[]) => list.map((c) => c.id);

describe('groupColumns', () => {
  it('puts every card in its status column, in roadmap order, with every column present', () => {
    const columns = groupColumns(cards);
    expect(Object.keys(columns)).toEqual([...BOARD_COLUMNS]);
    expect(ids(columns.not_started)).toEqual(['tls', 'cors']);
    expect(ids(columns.learning)).toEqual(['http', 'sql']);
    expect(ids(columns.done)).toEqual(['dns']);
    expect(columns.review).toEqual([]);
    expect(columns.skipped).toEqual([]);
  });

  it('keeps only the chosen section when filtered', () => {
    const columns = groupColumns(cards, 'security');
    expect(ids(columns.not_started)).toEqual(['tls', 'cors']);
    expect(columns.learning).toEqual([]);
    expect(columns.done).toEqual([]);
  });

  it('shows nothing for a section with no cards', () => {
    const columns = groupColumns(cards, 'nowhere');
    expect(BOARD_COLUMNS.flatMap((s) => columns[s])).toEqual([]);
  });
});

describe('wipState', () => {
  it('is within the limit up to and at it, with no message', () => {
    expect(wipState(0, 3)).toEqual({ count: 0, limit: 3, over: false, message: null });
    expect(wipState(3, 3)).toEqual({ count: 3, limit: 3, over: false, message: null });
  });

  it('warns with the count and the limit once over it', () => {
    const state = wipState(4, 3);
    expect(state.over).toBe(true);
    expect(state.message).toMatch(/learning 4 topics, over your limit of 3/);
  });
});

describe('cardsOf', () => {
  const view = {
    sections: [
      { id: 'basics', title: 'The basics' },
      { id: 'data', title: 'Data' },
    ],
    topics: [
      { id: 'dns', sectionId: 'basics', title: 'DNS', hours: 3, optional: false },
      { id: 'sql', sectionId: 'data', title: 'SQL', hours: 8, optional: true },
    ],
  } as unknown as Parameters<typeof cardsOf>[0];

  it('makes a card per topic with its section title, not started unless it has a status', () => {
    expect(cardsOf(view, { sql: 'review', gone: 'done' })).toEqual([
      {
        id: 'dns',
        title: 'DNS',
        sectionId: 'basics',
        sectionTitle: 'The basics',
        hours: 3,
        optional: false,
        status: 'not_started',
      },
      {
        id: 'sql',
        title: 'SQL',
        sectionId: 'data',
        sectionTitle: 'Data',
        hours: 8,
        optional: true,
        status: 'review',
      },
    ]);
  });
});

describe('neighbourColumn', () => {
  it('steps to the neighbouring column and stops at either end', () => {
    const [first, second] = BOARD_COLUMNS;
    const last = BOARD_COLUMNS[BOARD_COLUMNS.length - 1]!;
    expect(neighbourColumn(first!, 1)).toBe(second);
    expect(neighbourColumn(second!, -1)).toBe(first);
    expect(neighbourColumn(first!, -1)).toBe(first);
    expect(neighbourColumn(last, 1)).toBe(last);
  });

  it('reaches every column from the first, one step at a time', () => {
    const seen = [BOARD_COLUMNS[0]!];
    while (seen.length < BOARD_COLUMNS.length) seen.push(neighbourColumn(seen.at(-1)!, 1));
    expect(seen).toEqual([...BOARD_COLUMNS]);
  });
});
