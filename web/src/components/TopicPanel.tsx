/** The side panel (a drawer on phones) with everything about one topic. */
import { useEffect, useMemo, useRef, type ReactElement, type ReactNode } from 'react';
import type {
  Resource,
  RoadmapView,
  TopicDetail,
} from '../../../src/modules/roadmaps/roadmaps.schemas';
import { api, useResource } from '../lib/api';
import { formatHours } from '../lib/format';
import { isModifiedClick, topicHref } from '../lib/router';
import { sanitizeHtml as sanitize } from '../lib/sanitize';
import { TopicStatus } from './TopicStatus';
import { TopicWorkspace } from './TopicWorkspace';
import { ConceptChecklist } from './workspace/ConceptChecklist';
import {
  BadgeIcon,
  BookIcon,
  CapIcon,
  ChatIcon,
  ClockIcon,
  CloseIcon,
  DocIcon,
  ExternalIcon,
  KeyIcon,
  LinkIcon,
  PlayIcon,
  TargetIcon,
} from './Icons';

const RESOURCE_TYPES: { type: Resource['type']; label: string; icon: () => ReactElement }[] = [
  {
    type: 'official',
    label: 'Official documentation and specifications',
    icon: () => <BadgeIcon size={16} />,
  },
  { type: 'article', label: 'Articles', icon: () => <DocIcon size={16} /> },
  { type: 'video', label: 'Videos', icon: () => <PlayIcon size={16} /> },
  { type: 'book', label: 'Books', icon: () => <BookIcon size={16} /> },
  { type: 'course', label: 'Courses', icon: () => <CapIcon size={16} /> },
];

const TYPE_NAMES: Record<Resource['type'], string> = {
  official: 'Official',
  article: 'Article',
  video: 'Video',
  book: 'Book',
  course: 'Course',
};

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

function Section({
  icon,
  title,
  children,
  id,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  id: string;
}): ReactElement {
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h3 id={id} className="panel-h3">
        {icon}
        {title}
      </h3>
      {children}
    </section>
  );
}

interface TopicPanelProps {
  view: RoadmapView;
  topicId: string;
  onClose: () => void;
  onNavigate: (topicId: string) => void;
}

export function TopicPanel({ view, topicId, onClose, onNavigate }: TopicPanelProps): ReactElement {
  const node = view.topics.find((t) => t.id === topicId);
  const res = useResource<TopicDetail>(`${view.slug}/${topicId}`, () =>
    api.topic(view.slug, topicId),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const titles = useMemo(() => new Map(view.topics.map((t) => [t.id, t.title])), [view]);
  const sectionTitle = view.sections.find((s) => s.id === node?.sectionId)?.title ?? '';

  // Each newly opened topic starts at the top, with focus on its title.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, [topicId]);

  const body = useMemo(
    () => (res.status === 'ok' ? sanitize(res.data.bodyHtml) : ''),
    [res.status, res.data],
  );

  const topicLink = (id: string): ReactElement => (
    <li key={id}>
      <a
        href={topicHref(view.slug, id)}
        className="topic-link"
        onClick={(e) => {
          if (isModifiedClick(e)) return;
          e.preventDefault();
          onNavigate(id);
        }}
      >
        {titles.get(id) ?? id}
      </a>
    </li>
  );

  const title = res.status === 'ok' ? res.data.title : (node?.title ?? topicId);
  const d = res.status === 'ok' ? res.data : null;

  return (
    <aside className="panel" role="dialog" aria-modal="false" aria-labelledby="panel-title">
      <div className="panel-head">
        <div className="panel-head-text">
          <p className="panel-eyebrow">{d?.sectionTitle ?? sectionTitle}</p>
          <h2 id="panel-title" ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          <div className="panel-badges">
            {(d?.hours ?? node?.hours) !== undefined && (
              <span className="chip chip--muted">
                <ClockIcon size={14} />
                {formatHours(d?.hours ?? node!.hours)}
              </span>
            )}
            {(d?.optional ?? node?.optional) && (
              <span className="chip chip--optional">Optional</span>
            )}
          </div>
        </div>
        <button
          type="button"
          className="icon-btn panel-close"
          onClick={onClose}
          aria-label="Close topic"
          title="Close (Esc)"
        >
          <CloseIcon />
        </button>
      </div>

      <div className="panel-scroll" ref={scrollRef}>
        <TopicStatus view={view} topicId={topicId} />
        {res.status === 'loading' && (
          <div className="panel-loading" role="status">
            <span className="visually-hidden">Loading topic…</span>
            {node && <p className="panel-summary">{node.summary}</p>}
            <div className="skeleton" />
            <div className="skeleton skeleton--short" />
            <div className="skeleton" />
          </div>
        )}
        {res.status === 'error' && (
          <div className="panel-error" role="alert">
            <p className="panel-error-title">
              {res.error.status === 404 ? 'Topic not found' : res.error.title}
            </p>
            <p>{res.error.detail}</p>
            {res.error.status !== 404 && (
              <button type="button" className="btn" onClick={res.retry}>
                Try again
              </button>
            )}
          </div>
        )}
        {d && (
          <>
            <p className="panel-summary">{d.summary}</p>

            {d.alternatives.length > 0 && (
              <p className="panel-note">
                Can be replaced by{' '}
                {d.alternatives.map((a, i) => (
                  <span key={a}>
                    {i > 0 && ' or '}
                    <a
                      href={topicHref(view.slug, a)}
                      onClick={(e) => {
                        if (isModifiedClick(e)) return;
                        e.preventDefault();
                        onNavigate(a);
                      }}
                    >
                      {titles.get(a) ?? a}
                    </a>
                  </span>
                ))}
                .
              </p>
            )}

            {d.concepts.length > 0 && (
              <Section id="panel-concepts" icon={<KeyIcon size={16} />} title="Key concepts">
                <ConceptChecklist slug={view.slug} topicId={topicId} concepts={d.concepts} />
              </Section>
            )}

            <div className="prose" dangerouslySetInnerHTML={{ __html: body }} />

            {d.resources.length > 0 && (
              <Section id="panel-resources" icon={<BookIcon size={16} />} title="Resources">
                {RESOURCE_TYPES.map(({ type, label, icon }) => {
                  const list = d.resources.filter((r) => r.type === type);
                  if (list.length === 0) return null;
                  return (
                    <div key={type} className="resource-group">
                      <h4 className="resource-type">
                        {icon()}
                        {label}
                      </h4>
                      <ul className="resources">
                        {list.map((r) => (
                          <li key={r.url} className="resource">
                            <a
                              href={r.url}
                              target="_blank"
                              rel="noopener noreferrer"
                              className="resource-link"
                            >
                              <span className={`type-tag type-tag--${r.type}`}>
                                {TYPE_NAMES[r.type]}
                              </span>
                              <span className="resource-title">{r.title}</span>
                              <ExternalIcon size={14} />
                              <span className="visually-hidden"> (opens in a new tab)</span>
                            </a>
                            <span className="resource-host">{hostOf(r.url)}</span>
                            <p className="resource-why">{r.why}</p>
                          </li>
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </Section>
            )}

            {d.questions.length > 0 && (
              <Section
                id="panel-questions"
                icon={<ChatIcon size={16} />}
                title="Interview questions"
              >
                <div className="questions">
                  {d.questions.map((q, i) => (
                    <details key={i} className="question">
                      <summary>{q.question}</summary>
                      <p>{q.answer}</p>
                    </details>
                  ))}
                </div>
              </Section>
            )}

            <Section id="panel-exercise" icon={<TargetIcon size={16} />} title="Exercise">
              <div className="exercise">
                <p>{d.exercise.task}</p>
                <p className="exercise-done">
                  <strong>Done when: </strong>
                  {d.exercise.done}
                </p>
              </div>
            </Section>

            <TopicWorkspace slug={view.slug} topicId={topicId} />

            {(d.prerequisites.length > 0 || d.dependents.length > 0) && (
              <Section id="panel-links" icon={<LinkIcon size={16} />} title="Related topics">
                <div className="related">
                  <div>
                    <h4 className="related-h">Prerequisites</h4>
                    {d.prerequisites.length > 0 ? (
                      <ul className="topic-links">{d.prerequisites.map(topicLink)}</ul>
                    ) : (
                      <p className="muted">None: a good place to start.</p>
                    )}
                  </div>
                  <div>
                    <h4 className="related-h">Unlocks</h4>
                    {d.dependents.length > 0 ? (
                      <ul className="topic-links">{d.dependents.map(topicLink)}</ul>
                    ) : (
                      <p className="muted">No topic builds on this one.</p>
                    )}
                  </div>
                </div>
              </Section>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
