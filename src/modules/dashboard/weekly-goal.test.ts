import { describe, expect, it } from 'vitest';
import { weeklyGoalOf } from './weekly-goal.js';

describe('weeklyGoalOf', () => {
  it('counts topics for a goal in topics, in the Monday-to-Sunday week', () => {
    expect(weeklyGoalOf({ weeklyGoal: 3, weeklyGoalUnit: 'topics' }, [2, 4], '2026-03-12')).toEqual(
      {
        unit: 'topics',
        goal: 3,
        achieved: 2,
        percent: 66,
        met: false,
        weekStart: '2026-03-09',
        weekEnd: '2026-03-15',
        topicsDone: 2,
        hoursDone: 6,
      },
    );
  });

  it('adds up estimated hours for a goal in hours, without float noise', () => {
    const goal = weeklyGoalOf(
      { weeklyGoal: 0.3, weeklyGoalUnit: 'hours' },
      [0.1, 0.2],
      '2026-03-15',
    );
    expect(goal).toMatchObject({ achieved: 0.3, hoursDone: 0.3, percent: 100, met: true });
    expect(goal.weekStart).toBe('2026-03-09');
  });

  it('caps the percentage at 100 when the goal is passed', () => {
    const goal = weeklyGoalOf(
      { weeklyGoal: 2, weeklyGoalUnit: 'topics' },
      [1, 1, 1, 1, 1],
      '2026-03-09',
    );
    expect(goal).toMatchObject({ achieved: 5, percent: 100, met: true });
  });

  it('has no percentage and is never met without a goal', () => {
    const goal = weeklyGoalOf({ weeklyGoal: 0, weeklyGoalUnit: 'topics' }, [1], '2026-03-09');
    expect(goal).toMatchObject({ goal: 0, achieved: 1, percent: null, met: false });
  });

  it('is empty at the start of a week', () => {
    expect(
      weeklyGoalOf({ weeklyGoal: 5, weeklyGoalUnit: 'hours' }, [], '2026-03-09'),
    ).toMatchObject({ achieved: 0, percent: 0, met: false, topicsDone: 0, hoursDone: 0 });
  });
});
