import { describe, expect, it } from 'vitest';
import { bar, completionLine, formatProgress, type Progress } from './progress.js';

describe('progress bars', () => {
  it('when a share is complete, then the bar fills that share, rounded down', () => {
    expect(bar(0, { width: 10 })).toBe('░░░░░░░░░░');
    expect(bar(64, { width: 12 })).toBe('███████░░░░░');
    expect(bar(99, { width: 10 })).toBe('█████████░');
    expect(bar(100, { width: 10 })).toBe('██████████');
  });

  it('when colour is off, then the line is plain text', () => {
    const line = completionLine({ topics: 19, complete: 12, percent: 63 }, { width: 12 });
    expect(line).toBe('███████░░░░░  63%  (12/19)');
    expect(line).not.toContain('\u001b[');
  });

  it('when colour is on, then the filled and empty parts are styled', () => {
    expect(bar(50, { width: 4, color: true })).toBe('\u001b[32m██\u001b[39m\u001b[2m░░\u001b[22m');
  });

  it('when a roadmap is formatted, then sections align and every status is counted', () => {
    const progress: Progress = {
      roadmapSlug: 'demo',
      counts: { not_started: 2, learning: 1, done: 2, skipped: 0, review: 1 },
      sections: [
        { sectionId: 'a', title: 'APIs', topics: 4, complete: 2, percent: 50 },
        { sectionId: 'b', title: 'Databases', topics: 2, complete: 1, percent: 50 },
      ],
      total: { topics: 6, complete: 3, percent: 50 },
    };
    expect(formatProgress('Demo', progress)).toEqual([
      'Demo (demo)',
      '',
      '  APIs       ██████████░░░░░░░░░░  50%  (2/4)',
      '  Databases  ██████████░░░░░░░░░░  50%  (1/2)',
      '',
      '  Total      ██████████░░░░░░░░░░  50%  (3/6)',
      '',
      '  done 2 · learning 1 · review 1 · skipped 0 · not started 2',
    ]);
  });
});
