import type { ReactElement } from 'react';
import type { RoadmapList } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { Header } from '../components/Header';
import { ArrowRightIcon, ClockIcon, LayersIcon, NodesIcon } from '../components/Icons';
import { Link } from '../components/Link';
import { ErrorView, Loading } from '../components/States';
import { api, useResource } from '../lib/api';
import { plural, shortHours } from '../lib/format';
import { useDocumentTitle } from '../lib/hooks';
import { roadmapHref } from '../lib/router';

export function HomePage(): ReactElement {
  const res = useResource<RoadmapList>('roadmaps', api.roadmaps);
  useDocumentTitle('Waymark · Developer roadmaps');
  return (
    <div className="layout layout--page">
      <Header />
      <main id="main" className="home">
        <section className="hero" aria-labelledby="home-title">
          <p className="hero-eyebrow">Self-hosted learning paths</p>
          <h1 id="home-title">Find your way, one topic at a time.</h1>
          <p className="hero-lead">
            Roadmaps map what to learn and in which order. Open one, follow the arrows from
            prerequisites to what they unlock, and dive into each topic&rsquo;s explanation,
            resources, interview questions and exercise.
          </p>
        </section>

        <section aria-labelledby="roadmaps-title" className="roadmap-list">
          <h2 id="roadmaps-title" className="list-title">
            Roadmaps
          </h2>
          {res.status === 'loading' && <Loading label="Loading roadmaps…" />}
          {res.status === 'error' && <ErrorView error={res.error} onRetry={res.retry} />}
          {res.status === 'ok' &&
            (res.data.items.length === 0 ? (
              <p className="empty">
                No roadmaps are published yet. Add one under content/roadmaps/ and restart the
                server.
              </p>
            ) : (
              <ul className="cards">
                {res.data.items.map((r) => (
                  <li key={r.slug}>
                    <article className="card">
                      <span className="card-version">v{r.version}</span>
                      <h3 className="card-title">
                        <Link href={roadmapHref(r.slug)} className="card-link">
                          {r.title}
                        </Link>
                      </h3>
                      <p className="card-desc">{r.description}</p>
                      <ul className="card-stats" aria-label="At a glance">
                        <li>
                          <NodesIcon size={16} />
                          {plural(r.topicCount, 'topic')}
                        </li>
                        <li>
                          <LayersIcon size={16} />
                          {plural(r.sectionCount, 'section')}
                        </li>
                        <li>
                          <ClockIcon size={16} />
                          {shortHours(r.totalHours)} of study
                        </li>
                      </ul>
                      <span className="card-cta" aria-hidden="true">
                        Open roadmap <ArrowRightIcon size={16} />
                      </span>
                    </article>
                  </li>
                ))}
              </ul>
            ))}
        </section>
      </main>
      <footer className="footer">
        <p>
          Waymark is open source and self-hostable. Content is plain Markdown under
          content/roadmaps.
        </p>
      </footer>
    </div>
  );
}
