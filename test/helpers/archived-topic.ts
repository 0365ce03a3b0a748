/**
 * A topic removed from a roadmap's content, as content sync leaves it: still in the topics
 * table with `archived_at` set, so learners' data about it stays readable. Tests add one
 * directly (a copy of one of the roadmap's topics under a new id) rather than editing content.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { roadmaps, topics } from '../../src/db/schema.js';

/** Adds an archived topic `id` to roadmap `slug` and returns the id. */
export async function addArchivedTopic(db: Database, slug: string, id: string): Promise<string> {
  const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.slug, slug));
  if (!roadmap) throw new Error(`no roadmap ${slug}`);
  const [model] = await db.select().from(topics).where(eq(topics.roadmapId, roadmap.id));
  if (!model) throw new Error(`roadmap ${slug} has no topics`);
  await db.insert(topics).values({ ...model, id, archivedAt: new Date() });
  return id;
}
