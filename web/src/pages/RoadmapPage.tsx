import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactElement,
} from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { Graph, type GraphHandle } from '../components/Graph';
import type { GraphProgress } from '../components/GraphStatus';
import { Header } from '../components/Header';
import { ClockIcon, LayersIcon, NodesIcon, SearchIcon } from '../components/Icons';
import { Link } from '../components/Link';
import { ProgressSummary } from '../components/ProgressSummary';
import { SearchDialog } from '../components/SearchDialog';
import { ErrorView, Loading, NotFound } from '../components/States';
import { TopicPanel } from '../components/TopicPanel';
import { api, useResource } from '../lib/api';
import { plural, shortHours } from '../lib/format';
import { useDocumentTitle, useMediaQuery } from '../lib/hooks';
import { useRoadmapProgress } from '../lib/progress';
import { useStatusShortcuts } from '../lib/progressShortcuts';
import { useNewTopics } from '../lib/progressVisits';
import { boardHref, historyState, navigate, roadmapHref, topicHref } from '../lib/router';

const PANEL_WIDTH = 460;
const isMac =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function SearchButton({ onClick }: { onClick: () => void }): ReactElement {
  return (
    <button
      type="button"
      className="search-btn"
      onClick={onClick}
      aria-keyshortcuts="Control+K Meta+K"
    >
      <SearchIcon size={16} />
      <span className="search-btn-label">Search topics</span>
      <kbd className="kbd search-btn-kbd" aria-hidden="true">
        {isMac ? '⌘K' : 'Ctrl K'}
      </kbd>
    </button>
  );
}

export function RoadmapPage({
  slug,
  topicId,
}: {
  slug: string;
  topicId: string | null;
}): ReactElement {
  const res = useResource<RoadmapView>(`roadmap:${slug}`, () => api.roadmap(slug));
  const view = res.status === 'ok' ? res.data : null;
  const [searchOpen, setSearchOpen] = useState(false);
  const searchOpenRef = useRef(false);
  searchOpenRef.current = searchOpen;
  const graphRef = useRef<GraphHandle>(null);
  const wide = useMediaQuery(`(min-width: 900px)`);
  const topic = view && topicId ? view.topics.find((t) => t.id === topicId) : undefined;
  const unknownTopic = view !== null && topicId !== null && topic === undefined;
  const progress = useRoadmapProgress(view);
  const newTopicIds = useNewTopics(slug, view);
  useStatusShortcuts(view !== null && !unknownTopic, topicId, progress.setStatus);
  const tracking = progress.mode === 'account' || progress.mode === 'local';
  const graphProgress = useMemo<GraphProgress | undefined>(
    () =>
      tracking
        ? {
            statuses: progress.statuses,
            sections: new Map(progress.summary.sections.map((s) => [s.sectionId, s])),
            newTopicIds,
          }
        : undefined,
    [tracking, progress.statuses, progress.summary, newTopicIds],
  );

  useDocumentTitle(
    view
      ? topic
        ? `${topic.title} · ${view.title} · Waymark`
        : `${view.title} · Waymark`
      : res.status === 'error'
        ? 'Not found · Waymark'
        : 'Waymark',
  );

  // A deep link (/roadmaps/x/topic loaded directly) gets a roadmap entry beneath it, so that
  // Back and the close button both land on the roadmap instead of leaving the app.
  useLayoutEffect(() => {
    if (topicId && historyState().topicDepth === undefined) {
      window.history.replaceState({}, '', roadmapHref(slug));
      window.history.pushState({ topicDepth: 1 }, '', topicHref(slug, topicId));
    }
    // Only on first load of the page.
  }, []);

  const openTopic = useCallback(
    (id: string) => {
      if (id === topicId) return;
      const depth = topicId ? (historyState().topicDepth ?? 0) + 1 : 1;
      navigate(topicHref(slug, id), { state: { topicDepth: depth } });
    },
    [slug, topicId],
  );

  const closeTopic = useCallback(() => {
    const depth = historyState().topicDepth ?? 0;
    if (depth > 0) window.history.go(-depth);
    else navigate(roadmapHref(slug), { replace: true });
  }, [slug]);

  // Closing the panel (button, Escape or Back) returns focus to the topic's node.
  const prevTopic = useRef<string | null>(topicId);
  useEffect(() => {
    const prev = prevTopic.current;
    prevTopic.current = topicId;
    if (!view) return;
    if (topicId) {
      // Keep the selected node in sight, clear of the panel.
      requestAnimationFrame(() => graphRef.current?.revealTopic(topicId));
    } else if (prev) {
      graphRef.current?.focusTopic(prev);
    }
  }, [topicId, view]);

  // Ctrl-K / Cmd-K opens search; Escape closes the topic panel.
  useEffect(() => {
    if (!view) return;
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      } else if (e.key === 'Escape' && !e.defaultPrevented && !searchOpenRef.current && topicId) {
        e.preventDefault();
        closeTopic();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view, topicId, closeTopic]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view && !topicId) headingRef.current?.focus({ preventScroll: true });
    // Focus the title once when the roadmap first appears.
  }, [view]);

  let content: ReactElement;
  if (res.status === 'loading') {
    content = <Loading label="Loading roadmap…" />;
  } else if (res.status === 'error') {
    content =
      res.error.status === 404 ? (
        <NotFound title="Roadmap not found" detail={res.error.detail} />
      ) : (
        <ErrorView error={res.error} onRetry={res.retry} />
      );
  } else if (unknownTopic) {
    content = (
      <NotFound
        title="Topic not found"
        detail={`The ${res.data.title} has no topic called “${topicId}”. It may have been removed or renamed.`}
        back={{ href: roadmapHref(slug), label: `Back to ${res.data.title}` }}
      />
    );
  } else {
    const v = res.data;
    const hours = v.topics.reduce((h, t) => h + t.hours, 0);
    const optional = v.topics.filter((t) => t.optional).length;
    content = (
      <>
        <div className="roadmap-bar">
          <div className="roadmap-bar-text">
            <h1 ref={headingRef} tabIndex={-1}>
              {v.title}
            </h1>
            <p className="roadmap-desc">{v.description}</p>
          </div>
          <ul className="roadmap-stats" aria-label="At a glance">
            <li>
              <NodesIcon size={16} />
              <span>
                {plural(v.topics.length, 'topic')}
                {optional > 0 && <span className="muted"> ({optional} optional)</span>}
              </span>
            </li>
            <li>
              <LayersIcon size={16} />
              <span>{plural(v.sections.length, 'section')}</span>
            </li>
            <li>
              <ClockIcon size={16} />
              <span>{shortHours(hours)}</span>
            </li>
          </ul>
          <ProgressSummary view={v} progress={progress} />
          <Link href={boardHref(v.slug)} className="btn btn--small">
            Board
          </Link>
        </div>
        <div className={`canvas-area${topicId ? ' canvas-area--panel' : ''}`}>
          <Graph
            ref={graphRef}
            view={v}
            selectedId={topicId}
            onOpen={openTopic}
            insetRight={topicId && wide ? PANEL_WIDTH : 0}
            inert={topicId !== null && !wide}
            progress={graphProgress}
          />
          {topicId && (
            <TopicPanel view={v} topicId={topicId} onClose={closeTopic} onNavigate={openTopic} />
          )}
        </div>
        <SearchDialog
          view={v}
          open={searchOpen}
          onClose={() => setSearchOpen(false)}
          onSelect={(id) => {
            setSearchOpen(false);
            if (id === topicId) graphRef.current?.revealTopic(id);
            openTopic(id);
          }}
        />
      </>
    );
  }

  return (
    <div className="layout layout--app">
      <Header>
        {view && !unknownTopic && <SearchButton onClick={() => setSearchOpen(true)} />}
      </Header>
      <main id="main" className="roadmap-main">
        {content}
      </main>
    </div>
  );
}
