/**
 * The server-computed layout is drawn as is by every browser, so its geometry must hold on the
 * real content: boxes never overlap, topics sit inside their section, sections stack in
 * authored order, and the declared size covers everything.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../config.js';
import type { Box } from '../db/schema.js';
import type { RoadmapContent } from './content.schemas.js';
import { layoutRoadmap, NODE_HEIGHT, NODE_WIDTH, type Layout } from './layout.js';
import { readContent } from './read-content.js';

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const roadmaps = await readContent(path.join(packageRoot, 'content/roadmaps'));
const fixtures = await readContent(path.join(packageRoot, 'test/fixtures/content/valid'));

describe.each([...roadmaps, ...fixtures].map((roadmap) => ({ slug: roadmap.slug, roadmap })))(
  'layout of $slug',
  ({ roadmap }: { roadmap: RoadmapContent }) => {
    let layout: Layout;
    const allTopics = roadmap.sections.flatMap((s) => s.topics);
    beforeAll(() => {
      layout = layoutRoadmap(roadmap);
    });

    it('places every topic exactly once, at the node size', () => {
      expect([...layout.topics.keys()].sort()).toEqual(allTopics.map((t) => t.id).sort());
      for (const box of layout.topics.values()) {
        expect(box).toMatchObject({ width: NODE_WIDTH, height: NODE_HEIGHT });
      }
    });

    it('never overlaps two topic boxes', () => {
      const boxes = [...layout.topics];
      const clashes: string[] = [];
      boxes.forEach(([a, boxA], i) => {
        for (const [b, boxB] of boxes.slice(i + 1)) if (overlaps(boxA, boxB)) clashes.push(`${a} / ${b}`);
      });
      expect(clashes).toEqual([]);
    });

    it('puts every topic box inside its section box', () => {
      const outside = allTopics.filter(
        (t) => !inside(layout.topics.get(t.id)!, layout.sections.get(t.sectionId)!),
      );
      expect(outside.map((t) => t.id)).toEqual([]);
    });

    it('stacks sections top to bottom in authored order without overlap', () => {
      const boxes = roadmap.sections.map((s) => layout.sections.get(s.id)!);
      expect(boxes).toHaveLength(roadmap.sections.length);
      for (let i = 1; i < boxes.length; i++) {
        expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
      }
    });

    it('routes every prerequisite edge with at least two points', () => {
      const expected = allTopics.flatMap((t) => t.requires.map((from) => `${from}->${t.id}`));
      expect(layout.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(expected.sort());
      expect(layout.edges.filter((e) => e.points.length < 2)).toEqual([]);
    });

    it('declares a width and height that cover every box and edge point', () => {
      const boxes = [...layout.sections.values(), ...layout.topics.values()];
      const points = layout.edges.flatMap((e) => e.points);
      expect(boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > layout.width || b.y + b.height > layout.height)).toEqual([]);
      expect(points.filter((p) => p.x < 0 || p.y < 0 || p.x > layout.width || p.y > layout.height)).toEqual([]);
      const lastSection = layout.sections.get(roadmap.sections.at(-1)!.id)!;
      expect(layout.height).toBe(lastSection.y + lastSection.height);
    });

    it('is deterministic: the same content gives the same layout', () => {
      const again = layoutRoadmap(roadmap);
      expect(again.width).toBe(layout.width);
      expect(again.height).toBe(layout.height);
      expect([...again.topics]).toEqual([...layout.topics]);
      expect(again.edges).toEqual(layout.edges);
    });
  },
);
