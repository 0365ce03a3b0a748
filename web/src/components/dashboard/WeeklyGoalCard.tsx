/** Progress towards the weekly goal, with its bar, and the inline editor of the settings. */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { Dashboard } from '../../lib/dashboardApi';
import { formatDate } from '../../lib/dashboard';
import { plural } from '../../lib/format';
import { GoalEditor } from './GoalEditor';

const unitName = (n: number, unit: 'topics' | 'hours') => (n === 1 ? unit.slice(0, -1) : unit);

export function WeeklyGoalCard({
  goal,
  settings,
  onChanged,
}: {
  goal: Dashboard['weeklyGoal'];
  settings: Dashboard['settings'];
  onChanged: () => void;
}): ReactElement {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Back to the button that opened the editor (the editor replaced it) once it closes.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const close = () => setEditing(false);
  const summary =
    goal.goal > 0
      ? `${goal.achieved} of ${goal.goal} ${unitName(goal.goal, goal.unit)} this week`
      : `${goal.achieved} ${unitName(goal.achieved, goal.unit)} this week (no goal set)`;
  return (
    <section className="dash-card dash-goal" aria-labelledby="dash-goal-title">
      <h2 id="dash-goal-title" className="dash-card-title">
        Weekly goal
      </h2>
      <p className="dash-big" data-testid="goal-summary">
        {summary}
      </p>
      {goal.percent !== null && (
        <div
          className="progress-bar dash-bar"
          role="progressbar"
          aria-labelledby="dash-goal-title"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={goal.percent}
          aria-valuetext={`${goal.percent}%${goal.met ? ', goal met' : ''}`}
        >
          <div className="progress-bar-fill" style={{ width: `${goal.percent}%` }} />
        </div>
      )}
      <p className="dash-note">
        {goal.met ? 'Goal met! ' : ''}
        {formatDate(goal.weekStart)} to {formatDate(goal.weekEnd)}:{' '}
        {plural(goal.topicsDone, 'topic')} marked done, {plural(goal.hoursDone, 'estimated hour')}.
      </p>
      <p className="dash-note">
        Planning {plural(settings.hoursPerWeek, 'hour')} a week; days in {settings.timeZone}.
      </p>
      {editing ? (
        <GoalEditor
          settings={settings}
          onCancel={close}
          onSaved={() => {
            close();
            onChanged();
          }}
        />
      ) : (
        <button
          ref={editButton}
          type="button"
          className="btn btn--small"
          onClick={() => setEditing(true)}
        >
          Edit goal and pace
        </button>
      )}
    </section>
  );
}
