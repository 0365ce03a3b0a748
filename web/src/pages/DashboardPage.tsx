/**
 * /dashboard: the signed-in learner's streak, activity heatmap, weekly goal (editable in
 * place), and per roadmap its completion, pace plan, forecast and content changes.
 */
import { useCallback, useState, type ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { ActivityHeatmap } from '../components/dashboard/ActivityHeatmap';
import { RoadmapCard } from '../components/dashboard/RoadmapCard';
import { StreakCard } from '../components/dashboard/StreakCard';
import { WeeklyGoalCard } from '../components/dashboard/WeeklyGoalCard';
import { Link } from '../components/Link';
import { RequireSession } from '../components/RequireSession';
import { ErrorView, Loading } from '../components/States';
import { useResource } from '../lib/api';
import { dashboardApi } from '../lib/dashboardApi';
import '../dashboard.css';

function DashboardView(): ReactElement {
  const [version, setVersion] = useState(0);
  const load = useCallback(() => dashboardApi.dashboard(), []);
  const dashboard = useResource(`dashboard-${version}`, load);
  const reload = () => setVersion((v) => v + 1);
  // Keep showing the last answer while a new one loads after an edit.
  const [last, setLast] = useState(dashboard.data);
  if (dashboard.data && dashboard.data !== last) setLast(dashboard.data);
  const data = dashboard.data ?? last;

  if (!data) {
    if (dashboard.status === 'error')
      return <ErrorView error={dashboard.error} onRetry={dashboard.retry} />;
    return <Loading label="Loading your dashboard…" />;
  }
  return (
    <div className="dash" aria-busy={dashboard.status === 'loading'}>
      <div className="dash-top">
        <StreakCard streak={data.streak} />
        <WeeklyGoalCard goal={data.weeklyGoal} settings={data.settings} onChanged={reload} />
      </div>
      <ActivityHeatmap heatmap={data.heatmap} />
      <section className="dash-roadmaps" aria-labelledby="dash-roadmaps-title">
        <h2 id="dash-roadmaps-title" className="dash-section-title">
          Your roadmaps
        </h2>
        {data.roadmaps.length === 0 ? (
          <p className="dash-note">
            Nothing here yet. <Link href="/">Pick a roadmap</Link> and mark a topic to see your
            completion, pace and forecast.
          </p>
        ) : (
          <div className="dash-roadmap-list">
            {data.roadmaps.map((r) => (
              <RoadmapCard key={r.slug} roadmap={r} today={data.today} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

export function DashboardPage(): ReactElement {
  return (
    <AccountLayout title="Your dashboard" wide>
      <RequireSession>{() => <DashboardView />}</RequireSession>
    </AccountLayout>
  );
}
