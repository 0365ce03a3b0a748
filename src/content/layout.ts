/**
 * Graph layout, computed once when content changes, so browsers draw and never lay out.
 * Each section is laid out on its own (dagre, top to bottom, using the edges inside it), then
 * sections are stacked in their authored order. Edges between adjacent ranks, and edges that
 * cross sections, are elbows from the bottom of the prerequisite to the top of the topic
 * that needs it.
 */
import dagre from '@dagrejs/dagre';
import type { Box, Point } from '../db/schema.js';
import type { RoadmapContent, TopicContent } from './content.schemas.js';

/**
 * Bump when the layout algorithm changes: it is part of the content hash, so stored layouts
 * (and the ETags derived from the hash) are recomputed on the next start.
 */
export const LAYOUT_VERSION = 2;

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 60;
const SECTION_PADDING = 24;
const SECTION_HEADER = 56;
const SECTION_GAP = 48;
const GROUP_GAP = 40;
const MAX_ROW = 1200;

/** The part of dagre's graph API used here (its bundled types do not resolve under NodeNext). */
interface LayoutGraph {
  setGraph(options: object): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, size: { width: number; height: number }): void;
  setEdge(from: string, to: string): void;
  graph(): { width?: number; height?: number };
  nodes(): string[];
  node(id: string): { x: number; y: number };
  edges(): { v: string; w: string }[];
  edge(e: { v: string; w: string }): { points?: Point[] };
}
const typedDagre = dagre as unknown as {
  graphlib: { Graph: new () => LayoutGraph };
  layout: (graph: LayoutGraph) => void;
};
const newGraph = () => new typedDagre.graphlib.Graph();
const runLayout = (graph: LayoutGraph) => typedDagre.layout(graph);

export interface Layout {
  width: number;
  height: number;
  sections: Map<string, Box>;
  topics: Map<string, Box>;
  edges: { from: string; to: string; points: Point[] }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutRoadmap(roadmap: RoadmapContent): Layout {
  const topics = new Map<string, Box>();
  const sections = new Map<string, Box>();
  const innerPoints = new Map<string, Point[]>();

  // Lay out each section in its own coordinate space: each group of connected topics with
  // dagre, then groups packed into rows no wider than MAX_ROW (wide graphs pan badly on phones).
  const laidOut = roadmap.sections.map((section) => {
    const groups = connectedGroups(section.topics);
    const placed = new Map<string, { x: number; y: number }>();
    const points = new Map<string, Point[]>();
    let rowX = 0;
    let rowY = 0;
    let rowHeight = 0;
    let width = 0;
    for (const group of groups) {
      const g = newGraph();
      g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 56, marginx: 0, marginy: 0 });
      g.setDefaultEdgeLabel(() => ({}));
      const ids = new Set(group.map((t) => t.id));
      for (const topic of group) g.setNode(topic.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
      for (const topic of group) {
        for (const req of topic.requires) if (ids.has(req)) g.setEdge(req, topic.id);
      }
      runLayout(g);
      const gw = g.graph().width ?? NODE_WIDTH;
      const gh = g.graph().height ?? NODE_HEIGHT;
      if (rowX > 0 && rowX + gw > MAX_ROW) {
        rowY += rowHeight + GROUP_GAP;
        rowX = 0;
        rowHeight = 0;
      }
      for (const id of g.nodes()) {
        const n = g.node(id);
        placed.set(id, { x: n.x - NODE_WIDTH / 2 + rowX, y: n.y - NODE_HEIGHT / 2 + rowY });
      }
      for (const e of g.edges()) {
        points.set(
          `${e.v}\0${e.w}`,
          (g.edge(e).points ?? []).map((p: Point) => ({ x: p.x + rowX, y: p.y + rowY })),
        );
      }
      width = Math.max(width, rowX + gw);
      rowX += gw + GROUP_GAP;
      rowHeight = Math.max(rowHeight, gh);
    }
    return { section, placed, points, width, height: rowY + rowHeight };
  });

  const contentWidth = Math.max(...laidOut.map((s) => s.width));
  const width = contentWidth + 2 * SECTION_PADDING;
  let y = 0;
  for (const { section, placed, points, width: w, height: h } of laidOut) {
    const box = { x: 0, y, width, height: SECTION_HEADER + h + 2 * SECTION_PADDING - 8 };
    sections.set(section.id, box);
    // Centre the section's graph within the common width.
    const dx = SECTION_PADDING + (contentWidth - w) / 2;
    const dy = y + SECTION_HEADER + SECTION_PADDING - 8;
    for (const [id, p] of placed) {
      topics.set(id, { x: round(p.x + dx), y: round(p.y + dy), width: NODE_WIDTH, height: NODE_HEIGHT });
    }
    for (const [key, list] of points) {
      innerPoints.set(key, list.map((p) => ({ x: round(p.x + dx), y: round(p.y + dy) })));
    }
    y += box.height + SECTION_GAP;
  }

  const edges: Layout['edges'] = [];
  for (const section of roadmap.sections) {
    for (const topic of section.topics) {
      for (const from of topic.requires) {
        const inner = innerPoints.get(`${from}\0${topic.id}`);
        const a = topics.get(from)!;
        const b = topics.get(topic.id)!;
        // Between adjacent ranks dagre bends the edge through the rank gap at an x of its own
        // choosing, which crosses sibling edges; an elbow reads better. Longer edges keep
        // dagre's route around the ranks they pass.
        const points = inner && inner.length > 3 ? inner : elbowRoute(a, b);
        edges.push({ from, to: topic.id, points });
      }
    }
  }
  return { width: round(width), height: round(Math.max(0, y - SECTION_GAP)), sections, topics, edges };
}

/** Down from one box, across at the halfway height, and down into the other. */
function elbowRoute(a: Box, b: Box): Point[] {
  const below = b.y > a.y;
  const start = { x: round(a.x + a.width / 2), y: round(below ? a.y + a.height : a.y) };
  const end = { x: round(b.x + b.width / 2), y: round(below ? b.y : b.y + b.height) };
  const midY = round((start.y + end.y) / 2);
  return [start, { x: start.x, y: midY }, { x: end.x, y: midY }, end];
}

/** Topics grouped by the prerequisite edges between them, in authored order. */
function connectedGroups(topics: TopicContent[]): TopicContent[][] {
  const parent = new Map(topics.map((t) => [t.id, t.id]));
  const find = (id: string): string => {
    const p = parent.get(id)!;
    if (p === id) return id;
    const root = find(p);
    parent.set(id, root);
    return root;
  };
  for (const t of topics) {
    for (const req of t.requires) if (parent.has(req)) parent.set(find(req), find(t.id));
  }
  const groups = new Map<string, TopicContent[]>();
  for (const t of topics) {
    const root = find(t.id);
    groups.set(root, [...(groups.get(root) ?? []), t]);
  }
  return [...groups.values()];
}
