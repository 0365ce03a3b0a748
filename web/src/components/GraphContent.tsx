/**
 * Everything drawn inside the roadmap graph's pan/zoom layer: sections, alternative links,
 * prerequisite edges and topic nodes. Kept apart from the viewport logic in Graph.tsx and
 * memoised, so panning and zooming only change one transform.
 */
import { memo, useMemo, type KeyboardEvent as ReactKeyboardEvent, type ReactElement } from 'react';
import type { RoadmapView, TopicNode } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { fitLabel } from '../lib/text';
import { plural, shortHours } from '../lib/format';
import { STATUS_LABELS } from '../lib/progress';
import { NodeNewBadge, NodeStatusBadge, SectionBar, type GraphProgress } from './GraphStatus';

/** SVG path through the server's polyline, with the corners rounded. */
function edgePath(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const f = (n: number): string => (Math.round(n * 10) / 10).toString();
  const first = points[0]!;
  let d = `M${f(first.x)} ${f(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L${f(p.x)} ${f(p.y)}`;
      break;
    }
    const prev = points[i - 1]!;
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(10, inLen / 2, outLen / 2);
    if (r < 1) {
      d += ` L${f(p.x)} ${f(p.y)}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r };
    const b = { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r };
    d += ` L${f(a.x)} ${f(a.y)} Q${f(p.x)} ${f(p.y)} ${f(b.x)} ${f(b.y)}`;
  }
  return d;
}

/** Where the segment from the centre of `box` towards (tx, ty) leaves the box. */
function borderPoint(box: TopicNode['box'], tx: number, ty: number): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function nodeLabel(t: TopicNode, titles: Map<string, string>, progress?: GraphProgress): string {
  const parts = [t.title];
  const status = progress?.statuses[t.id];
  if (status && status !== 'not_started') parts.push(STATUS_LABELS[status].toLowerCase());
  if (progress?.newTopicIds.has(t.id)) parts.push('new since your last visit');
  if (t.optional) parts.push('optional');
  if (t.alternatives.length > 0) {
    parts.push(`alternative to ${t.alternatives.map((a) => titles.get(a) ?? a).join(' or ')}`);
  }
  parts.push(shortHours(t.hours).replace(' h', ' hours'));
  return parts.join(', ');
}

export interface ContentProps {
  view: RoadmapView;
  selectedId: string | null;
  onOpen: (id: string) => void;
  onNodeKey: (e: ReactKeyboardEvent<SVGGElement>, t: TopicNode) => void;
  onNodeFocus: (id: string) => void;
  registerNode: (id: string, el: SVGGElement | null) => void;
  /** The learner's statuses, section completion and new topics; none drawn when undefined. */
  progress?: GraphProgress;
}

/** Everything inside the pan/zoom layer. Memoised so panning only changes one transform. */
export const GraphContent = memo(function GraphContent({
  view,
  selectedId,
  onOpen,
  onNodeKey,
  onNodeFocus,
  registerNode,
  progress,
}: ContentProps): ReactElement {
  const titles = useMemo(() => new Map(view.topics.map((t) => [t.id, t.title])), [view]);
  const byId = useMemo(() => new Map(view.topics.map((t) => [t.id, t])), [view]);

  // Topics grouped by section, each group in reading order (top to bottom, left to right).
  const groups = useMemo(() => {
    const order = new Map(view.sections.map((s, i) => [s.id, i]));
    return view.sections.map((s) => ({
      section: s,
      topics: view.topics
        .filter((t) => t.sectionId === s.id)
        .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x),
      order: order.get(s.id) ?? 0,
      hours: view.topics.filter((t) => t.sectionId === s.id).reduce((h, t) => h + t.hours, 0),
    }));
  }, [view]);

  const labels = useMemo(
    () =>
      new Map(
        view.topics.map((t) => [t.id, fitLabel(t.title, t.box.width - 20, t.box.height - 10)]),
      ),
    [view],
  );

  const alternatives = useMemo(() => {
    const seen = new Set<string>();
    const pairs: { key: string; a: TopicNode; b: TopicNode }[] = [];
    for (const t of view.topics) {
      for (const other of t.alternatives) {
        const o = byId.get(other);
        if (!o) continue;
        const key = [t.id, o.id].sort().join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push({ key, a: t, b: o });
      }
    }
    return pairs;
  }, [view, byId]);

  const related = useMemo(() => {
    const s = new Set<string>();
    if (!selectedId) return s;
    for (const e of view.edges) {
      if (e.to === selectedId) s.add(e.from);
      if (e.from === selectedId) s.add(e.to);
    }
    return s;
  }, [view, selectedId]);

  return (
    <>
      <g className="sections" aria-hidden="true">
        {groups.map(({ section: s, topics, hours }) => {
          const countLabel = `${plural(topics.length, 'topic')} · ${shortHours(hours)}`;
          const showCount = s.box.width > s.title.length * 10 + countLabel.length * 7 + 60;
          return (
            <g key={s.id} className="section">
              <rect
                x={s.box.x}
                y={s.box.y}
                width={s.box.width}
                height={s.box.height}
                rx={16}
                className="section-bg"
              />
              <text x={s.box.x + 20} y={s.box.y + 30} className="section-title">
                {s.title}
              </text>
              {showCount && (
                <text
                  x={s.box.x + s.box.width - 20}
                  y={s.box.y + 30}
                  className="section-meta"
                  textAnchor="end"
                >
                  {countLabel}
                </text>
              )}
              {progress?.sections.get(s.id) && (
                <SectionBar box={s.box} completion={progress.sections.get(s.id)!} />
              )}
            </g>
          );
        })}
      </g>

      <g className="alternatives" aria-hidden="true">
        {alternatives.map(({ key, a, b }) => {
          const ac = { x: a.box.x + a.box.width / 2, y: a.box.y + a.box.height / 2 };
          const bc = { x: b.box.x + b.box.width / 2, y: b.box.y + b.box.height / 2 };
          const p = borderPoint(a.box, bc.x, bc.y);
          const q = borderPoint(b.box, ac.x, ac.y);
          const mx = (p.x + q.x) / 2;
          const my = (p.y + q.y) / 2;
          return (
            <g key={key} className="alt-link">
              <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
              <rect x={mx - 13} y={my - 9} width={26} height={18} rx={9} className="alt-pill" />
              <text x={mx} y={my + 4} textAnchor="middle" className="alt-text">
                or
              </text>
            </g>
          );
        })}
      </g>

      <g className="edges" aria-hidden="true">
        {view.edges.map((e) => {
          const active = selectedId !== null && (e.to === selectedId || e.from === selectedId);
          // Links between sections would cross whole sections; they appear with their topic.
          if (e.crossSection && !active) return null;
          return (
            <path
              key={`${e.from}>${e.to}`}
              d={edgePath(e.points)}
              className={active ? 'edge edge--active' : 'edge'}
              markerEnd={active ? 'url(#wm-arrow-active)' : 'url(#wm-arrow)'}
            />
          );
        })}
      </g>

      {groups.map(({ section: s, topics }) => (
        <g key={s.id} role="group" aria-label={`Section: ${s.title}`}>
          {topics.map((t) => {
            const label = labels.get(t.id)!;
            const { x, y, width, height } = t.box;
            const textTop =
              height / 2 - ((label.lines.length - 1) * label.lineHeight) / 2 + label.size * 0.35;
            const cls = [
              'node',
              t.optional ? 'node--optional' : 'node--required',
              t.id === selectedId ? 'node--selected' : '',
              related.has(t.id) ? 'node--related' : '',
              progress ? `node--st-${progress.statuses[t.id] ?? 'not_started'}` : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <g
                key={t.id}
                ref={(el) => registerNode(t.id, el)}
                className={cls}
                data-topic-id={t.id}
                transform={`translate(${x} ${y})`}
                role="button"
                tabIndex={0}
                aria-label={nodeLabel(t, titles, progress)}
                aria-haspopup="dialog"
                aria-current={t.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(t.id)}
                onKeyDown={(e) => onNodeKey(e, t)}
                onFocus={() => onNodeFocus(t.id)}
              >
                <rect
                  className="node-ring"
                  x={-5}
                  y={-5}
                  width={width + 10}
                  height={height + 10}
                  rx={12}
                />
                <rect className="node-bg" width={width} height={height} rx={8} />
                <text className="node-text" x={width / 2} textAnchor="middle" fontSize={label.size}>
                  {label.lines.map((line, i) => (
                    <tspan key={i} x={width / 2} y={textTop + i * label.lineHeight}>
                      {i < label.lines.length - 1 ? `${line} ` : line}
                    </tspan>
                  ))}
                </text>
                {t.optional && (
                  <g className="node-badge" transform={`translate(${width - 62} -9)`}>
                    <rect width={54} height={18} rx={9} />
                    <text x={27} y={12.5} textAnchor="middle">
                      optional
                    </text>
                  </g>
                )}
                {progress && <NodeStatusBadge status={progress.statuses[t.id] ?? 'not_started'} />}
                {progress?.newTopicIds.has(t.id) && (
                  <NodeNewBadge width={width} optional={t.optional} />
                )}
              </g>
            );
          })}
        </g>
      ))}
    </>
  );
});
