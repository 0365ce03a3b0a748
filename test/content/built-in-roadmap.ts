/**
 * The built-in content as the server loads it: read and checked by the real loader, so these
 * tests judge exactly what learners will see. No database is involved.
 */
import path from 'node:path';
import { packageRoot } from '../../src/config.js';
import type { RoadmapContent, TopicContent } from '../../src/content/content.schemas.js';
import { readContent } from '../../src/content/read-content.js';

export const contentRoot = path.join(packageRoot, 'content/roadmaps');

export async function loadRoadmap(slug: string): Promise<RoadmapContent> {
  const roadmaps = await readContent(contentRoot);
  const roadmap = roadmaps.find((r) => r.slug === slug);
  if (!roadmap) throw new Error(`roadmap "${slug}" not found under ${contentRoot}`);
  return roadmap;
}

export const topicsOf = (roadmap: RoadmapContent): TopicContent[] =>
  roadmap.sections.flatMap((section) => section.topics);
