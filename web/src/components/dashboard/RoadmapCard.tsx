/**
 * One roadmap on the dashboard: completion, the pace planner's finish date, the forecast from
 * the learner's own history, and what changed since they finished a section.
 */
import type { ReactElement } from 'react';
import { forecastSentence, formatDate } from '../../lib/dashboard';
import { formatDate as formatInstant } from '../../lib/dates';
import type { RoadmapDashboard, SectionChanges } from '../../lib/dashboardApi';
import { plural } from '../../lib/format';
import { roadmapHref, topicHref } from '../../lib/router';
import { Link } from '../Link';
import { ForecastChart } from './ForecastChart';

function ChangeList({
  label,
  slug,
  topics,
  linked,
}: {
  label: string;
  slug: string;
  topics: SectionChanges['added'];
  linked: boolean;
}): ReactElement | null {
  if (topics.length === 0) return null;
  return (
    <li>
      {label}:{' '}
      {topics.map((t, i) => (
        <span key={t.topicId}>
          {i > 0 && ', '}
          {linked ? <Link href={topicHref(slug, t.topicId)}>{t.title}</Link> : t.title}
        </span>
      ))}
    </li>
  );
}

export function RoadmapCard({
  roadmap,
  today,
}: {
  roadmap: RoadmapDashboard;
  today: string;
}): ReactElement {
  const { completion, pace, forecast } = roadmap;
  const titleId = `dash-roadmap-${roadmap.slug}`;
  const sentence = forecastSentence(forecast);
  return (
    <article
      className="dash-card dash-roadmap"
      aria-labelledby={titleId}
      data-roadmap={roadmap.slug}
    >
      <h3 id={titleId} className="dash-card-title">
        <Link href={roadmapHref(roadmap.slug)}>{roadmap.title}</Link>
      </h3>
      <p className="dash-note">
        {completion.complete} of {plural(completion.topics, 'topic')} complete ({completion.percent}
        %)
      </p>
      <div
        className="progress-bar dash-bar"
        role="progressbar"
        aria-label={`${roadmap.title}: completion`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={completion.percent}
      >
        <div className="progress-bar-fill" style={{ width: `${completion.percent}%` }} />
      </div>

      <h4 className="dash-subtitle">Pace planner</h4>
      <p className="dash-note" data-testid="pace">
        {pace.projectedFinish
          ? `${pace.remainingHours} h left: at ${pace.hoursPerWeek} h a week, about ${pace.weeksNeeded} weeks, finishing around ${formatDate(pace.projectedFinish)}.`
          : 'Nothing left to learn on this roadmap.'}
      </p>

      <h4 className="dash-subtitle">Forecast</h4>
      <p className="dash-note" data-testid="forecast">
        {sentence}
      </p>
      {forecast.status === 'projected' && (
        <ForecastChart forecast={forecast} today={today} description={sentence} />
      )}
      <p className="dash-method">How: {forecast.method}</p>

      {roadmap.changes.length > 0 && (
        <>
          <h4 className="dash-subtitle">Changed since you finished a section</h4>
          <ul className="dash-changes">
            {roadmap.changes.map((c) => (
              <li key={c.sectionId}>
                <strong>{c.title}</strong>, finished {formatInstant(c.finishedAt)}
                <ul>
                  <ChangeList label="New" slug={roadmap.slug} topics={c.added} linked />
                  <ChangeList label="Revised" slug={roadmap.slug} topics={c.changed} linked />
                  <ChangeList
                    label="Removed"
                    slug={roadmap.slug}
                    topics={c.removed}
                    linked={false}
                  />
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
