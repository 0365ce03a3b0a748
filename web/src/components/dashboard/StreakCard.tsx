/** The streak: consecutive days with at least one change of progress, in the learner's zone. */
import type { ReactElement } from 'react';
import type { Dashboard } from '../../lib/dashboardApi';
import { plural } from '../../lib/format';
import { formatDate } from '../../lib/dashboard';

export function StreakCard({ streak }: { streak: Dashboard['streak'] }): ReactElement {
  let note: string;
  if (streak.current === 0)
    note = streak.lastActiveOn
      ? `Last active on ${formatDate(streak.lastActiveOn)}. Change a topic's status to start a new streak.`
      : "Change a topic's status to start your first streak.";
  else if (streak.activeToday) note = 'You have been active today.';
  else note = 'Keep it going: nothing yet today.';
  return (
    <section className="dash-card dash-streak" aria-labelledby="dash-streak-title">
      <h2 id="dash-streak-title" className="dash-card-title">
        Streak
      </h2>
      <p className="dash-big" data-testid="streak-current">
        {plural(streak.current, 'day')}
      </p>
      <p className="dash-note">{note}</p>
      <p className="dash-note">Longest: {plural(streak.longest, 'day')}</p>
    </section>
  );
}
