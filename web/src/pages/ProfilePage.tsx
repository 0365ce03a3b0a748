/**
 * A learner's public profile, /u/{username}: progress per roadmap, the progress card, and the
 * Markdown that puts the card in a README. A profile that is off looks exactly like one that
 * does not exist (the API gives both the same 404).
 */
import { useId, useState, type ReactElement } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Header } from '../components/Header';
import { Link } from '../components/Link';
import { ErrorView, Loading, NotFound } from '../components/States';
import { useResource } from '../lib/api';
import { useDocumentTitle } from '../lib/hooks';
import {
  cardUrl,
  profileApi,
  readmeSnippet,
  type PublicProfile,
  type PublicRoadmapProgress,
} from '../lib/profileApi';
import { roadmapHref } from '../lib/router';
import '../profile.css';

/** A calendar day from the API (YYYY-MM-DD, a UTC day) as the reader writes dates. */
const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const day = (iso: string): string => utcDay.format(new Date(`${iso}T00:00:00Z`));

function Counts({ counts }: { counts: PublicRoadmapProgress['counts'] }): ReactElement {
  const items: [string, number][] = [
    ['done', counts.done],
    ['learning', counts.learning],
    ['in review', counts.review],
    ['skipped', counts.skipped],
    ['not started', counts.not_started],
  ];
  return (
    <ul className="profile-counts" aria-label="Topics by status">
      {items.map(([label, n]) => (
        <li key={label}>
          <strong>{n}</strong> {label}
        </li>
      ))}
    </ul>
  );
}

function RoadmapProgress({ roadmap }: { roadmap: PublicRoadmapProgress }): ReactElement {
  const id = useId();
  return (
    <li className="profile-roadmap">
      <div className="profile-roadmap-head">
        <h3 id={`${id}-title`} className="profile-roadmap-title">
          <Link href={roadmapHref(roadmap.slug)}>{roadmap.title}</Link>
        </h3>
        <p className="profile-percent">{roadmap.percent}% complete</p>
      </div>
      <div
        className="profile-bar"
        role="progressbar"
        aria-labelledby={`${id}-title`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={roadmap.percent}
        aria-valuetext={`${roadmap.complete} of ${roadmap.topics} topics complete`}
      >
        <span className="profile-bar-fill" style={{ width: `${roadmap.percent}%` }} />
      </div>
      <p className="profile-meta">
        {roadmap.complete} of {roadmap.topics} topics complete · last active{' '}
        {day(roadmap.lastActivityOn)}
      </p>
      <Counts counts={roadmap.counts} />
    </li>
  );
}

function ProgressCard({ profile }: { profile: PublicProfile }): ReactElement {
  const [slug, setSlug] = useState<string>('');
  const origin = window.location.origin;
  const url = cardUrl(origin, profile.username, slug || undefined);
  const snippet = readmeSnippet(origin, profile.username, slug || undefined);
  const selectId = useId();
  const snippetId = useId();
  return (
    <section className="profile-section" aria-labelledby="card-title">
      <h2 id="card-title" className="profile-section-title">
        Progress card
      </h2>
      <p className="profile-section-lead">
        An image of this progress to show in a README or on a web page. It follows the
        viewer&rsquo;s light or dark theme.
      </p>
      {profile.roadmaps.length > 1 && (
        <div className="field profile-card-choice">
          <label className="field-label" htmlFor={selectId}>
            Roadmap on the card
          </label>
          <select
            id={selectId}
            className="input select"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
          >
            <option value="">The most recently active</option>
            {profile.roadmaps.map((r) => (
              <option key={r.slug} value={r.slug}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <img
        className="profile-card-image"
        src={url}
        width={480}
        height={144}
        alt={`Waymark progress card of ${profile.displayName}`}
      />
      <p className="profile-card-links">
        <a href={url}>Open the card (SVG)</a>
      </p>
      <h3 id={snippetId} className="profile-snippet-title">
        Markdown for a README
      </h3>
      <div className="secret profile-snippet" role="group" aria-labelledby={snippetId}>
        <code className="profile-snippet-code">{snippet}</code>
        <CopyButton text={snippet} label="Copy Markdown" />
      </div>
    </section>
  );
}

function Profile({ profile }: { profile: PublicProfile }): ReactElement {
  return (
    <>
      <header className="profile-head">
        <p className="profile-eyebrow">Learner profile</p>
        <h1 className="profile-name">{profile.displayName}</h1>
        <p className="profile-handle">
          @{profile.username}
          {profile.lastActivityOn && <> · last active {day(profile.lastActivityOn)}</>}
        </p>
      </header>
      <section className="profile-section" aria-labelledby="progress-title">
        <h2 id="progress-title" className="profile-section-title">
          Progress
        </h2>
        {profile.roadmaps.length === 0 ? (
          <p className="empty">No roadmap started yet.</p>
        ) : (
          <ul className="profile-roadmaps">
            {profile.roadmaps.map((r) => (
              <RoadmapProgress key={r.slug} roadmap={r} />
            ))}
          </ul>
        )}
      </section>
      <ProgressCard profile={profile} />
    </>
  );
}

export function ProfilePage({ username }: { username: string }): ReactElement {
  const res = useResource<PublicProfile>(`profile:${username}`, () =>
    profileApi.publicProfile(username),
  );
  useDocumentTitle(
    res.status === 'ok'
      ? `${res.data.displayName} (@${username}) · Waymark`
      : res.status === 'error' && res.error.status === 404
        ? 'Not found · Waymark'
        : 'Profile · Waymark',
  );
  return (
    <div className="layout layout--page">
      <Header />
      <main id="main" className="profile-page">
        {res.status === 'loading' && <Loading label="Loading profile…" />}
        {res.status === 'error' &&
          (res.error.status === 404 ? (
            <NotFound
              title="No public profile here"
              detail={`Nobody shares a profile as “${username}”: the name is free, or its owner keeps their profile private.`}
            />
          ) : (
            <ErrorView error={res.error} onRetry={res.retry} />
          ))}
        {res.status === 'ok' && <Profile profile={res.data} />}
      </main>
    </div>
  );
}
