import { describe, expect, it } from 'vitest';
import { boardHref, parseRoute, topicHref } from './router';

describe('parseRoute for a roadmap', () => {
  it('reads /roadmaps/{slug}/board as the board, not as a topic called "board"', () => {
    expect(parseRoute('/roadmaps/senior-backend/board')).toEqual({
      name: 'board',
      slug: 'senior-backend',
    });
    expect(parseRoute('/roadmaps/senior-backend/board/')).toEqual({
      name: 'board',
      slug: 'senior-backend',
    });
    expect(parseRoute(boardHref('senior-backend'))).toEqual({
      name: 'board',
      slug: 'senior-backend',
    });
  });

  it('still reads other ids, even ones starting with "board", as topic deep links', () => {
    expect(parseRoute(topicHref('senior-backend', 'dns'))).toEqual({
      name: 'roadmap',
      slug: 'senior-backend',
      topicId: 'dns',
    });
    expect(parseRoute('/roadmaps/senior-backend/board-games')).toEqual({
      name: 'roadmap',
      slug: 'senior-backend',
      topicId: 'board-games',
    });
  });

  it('refuses a board path with more after it', () => {
    expect(parseRoute('/roadmaps/senior-backend/board/dns')).toEqual({ name: 'notFound' });
  });
});
