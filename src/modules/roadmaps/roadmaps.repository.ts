/**
 * Roadmap storage. All SQL for roadmaps, sections, topics and edges lives here; the service
 * sees plain objects.
 */
import { and, asc, eq, getTableColumns, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { roadmaps, sections, topicEdges, topics } from '../../db/schema.js';
import type { RoadmapContent } from '../../content/content.schemas.js';
import type { Layout } from '../../content/layout.js';

export type RoadmapRow = typeof roadmaps.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type EdgeRow = typeof topicEdges.$inferSelect;

export interface StoredRoadmap {
  roadmap: RoadmapRow;
  sections: SectionRow[];
  topics: TopicRow[];
  edges: EdgeRow[];
}

/** A topic's life in the content, archived topics included. */
export interface TopicRevision {
  topicId: string;
  sectionId: string;
  title: string;
  addedAt: Date;
  changedAt: Date | null;
  archivedAt: Date | null;
}

/** `SET col = excluded.col` for every column but the keys: an upsert that takes the new row. */
function excludedSet(columns: Record<string, PgColumn>, keys: string[]) {
  return Object.fromEntries(
    Object.entries(columns)
      .filter(([name]) => !keys.includes(name))
      .map(([name, column]) => [name, sql.raw(`excluded."${column.name}"`)]),
  );
}

/**
 * A topic's own content, as learners read it: a change to any of these is one to tell them
 * of. Its place on the graph (section, position, box) is not.
 */
const topicContent = [
  topics.title,
  topics.summary,
  topics.optional,
  topics.alternatives,
  topics.hours,
  topics.concepts,
  topics.resources,
  topics.questions,
  topics.exercise,
  topics.bodyMarkdown,
];

export function createRoadmapsRepository(db: Database) {
  return {
    async contentHashes(): Promise<Map<string, string>> {
      const rows = await db
        .select({ slug: roadmaps.slug, contentHash: roadmaps.contentHash })
        .from(roadmaps);
      return new Map(rows.map((r) => [r.slug, r.contentHash]));
    },

    /**
     * Writes a roadmap's content in one transaction. Topics no longer in the content are
     * archived, not deleted, so anything recorded against their ids survives.
     */
    async save(content: RoadmapContent, layout: Layout, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(roadmaps)
          .values({
            slug: content.slug,
            title: content.title,
            description: content.description,
            version: content.version,
            contentHash: content.contentHash,
            layoutWidth: layout.width,
            layoutHeight: layout.height,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: roadmaps.slug,
            set: excludedSet(getTableColumns(roadmaps), ['id', 'slug']),
          })
          .returning({ id: roadmaps.id });
        const roadmapId = row!.id;

        await tx.delete(sections).where(eq(sections.roadmapId, roadmapId));
        await tx.insert(sections).values(
          content.sections.map((s, position) => ({
            roadmapId,
            id: s.id,
            position,
            title: s.title,
            summary: s.summary,
            box: layout.sections.get(s.id)!,
          })),
        );

        const topicRows = content.sections
          .flatMap((s) => s.topics)
          .map((t, position) => ({
            roadmapId,
            id: t.id,
            sectionId: t.sectionId,
            position,
            title: t.title,
            summary: t.summary,
            optional: t.optional,
            alternatives: t.alternatives,
            hours: t.hours,
            concepts: t.concepts,
            resources: t.resources,
            questions: t.questions,
            exercise: t.exercise,
            bodyMarkdown: t.bodyMarkdown,
            box: layout.topics.get(t.id)!,
            archivedAt: null,
            addedAt: now,
            changedAt: null,
          }));
        // A topic keeps when it was added unless it comes back from the archive (then it is
        // new again); its content changing (not its place on the graph) moves changed_at.
        const at = sql`${now.toISOString()}::timestamptz`;
        await tx
          .insert(topics)
          .values(topicRows)
          .onConflictDoUpdate({
            target: [topics.roadmapId, topics.id],
            set: {
              ...excludedSet(getTableColumns(topics), ['roadmapId', 'id', 'addedAt', 'changedAt']),
              addedAt: sql`case when ${topics.archivedAt} is null then ${topics.addedAt} else ${at} end`,
              changedAt: sql`case
                when ${topics.archivedAt} is not null then null
                when (${sql.join(topicContent, sql`, `)}) is distinct from (${sql.join(
                  topicContent.map((c) => sql.raw(`excluded."${c.name}"`)),
                  sql`, `,
                )}) then ${at}
                else ${topics.changedAt} end`,
            },
          });
        await tx
          .update(topics)
          .set({ archivedAt: now })
          .where(
            and(
              eq(topics.roadmapId, roadmapId),
              isNull(topics.archivedAt),
              notInArray(
                topics.id,
                topicRows.map((t) => t.id),
              ),
            ),
          );

        await tx.delete(topicEdges).where(eq(topicEdges.roadmapId, roadmapId));
        if (layout.edges.length > 0) {
          await tx.insert(topicEdges).values(
            layout.edges.map((e) => ({
              roadmapId,
              fromTopic: e.from,
              toTopic: e.to,
              points: e.points,
            })),
          );
        }
      });
    },

    /** Every roadmap with its current (not archived) topics, in authored order. */
    async loadAll(): Promise<StoredRoadmap[]> {
      const roadmapRows = await db.select().from(roadmaps).orderBy(asc(roadmaps.slug));
      if (roadmapRows.length === 0) return [];
      const ids = roadmapRows.map((r) => r.id);
      const [sectionRows, topicRows, edgeRows] = await Promise.all([
        db
          .select()
          .from(sections)
          .where(inArray(sections.roadmapId, ids))
          .orderBy(asc(sections.position)),
        db
          .select()
          .from(topics)
          .where(and(inArray(topics.roadmapId, ids), isNull(topics.archivedAt)))
          .orderBy(asc(topics.position)),
        db.select().from(topicEdges).where(inArray(topicEdges.roadmapId, ids)),
      ]);
      return roadmapRows.map((roadmap) => ({
        roadmap,
        sections: sectionRows.filter((s) => s.roadmapId === roadmap.id),
        topics: topicRows.filter((t) => t.roadmapId === roadmap.id),
        edges: edgeRows.filter((e) => e.roadmapId === roadmap.id),
      }));
    },

    /**
     * When each topic of every roadmap, archived ones included, was added, last changed and
     * archived: what learners are told changed since they finished a section.
     */
    async topicRevisions(): Promise<(TopicRevision & { roadmapSlug: string })[]> {
      return db
        .select({
          roadmapSlug: roadmaps.slug,
          topicId: topics.id,
          sectionId: topics.sectionId,
          title: topics.title,
          addedAt: topics.addedAt,
          changedAt: topics.changedAt,
          archivedAt: topics.archivedAt,
        })
        .from(topics)
        .innerJoin(roadmaps, eq(roadmaps.id, topics.roadmapId))
        .orderBy(asc(topics.position));
    },

    /** Ids of a roadmap's archived topics (kept for learners' history). */
    async archivedTopicIds(slug: string): Promise<string[]> {
      const rows = await db
        .select({ id: topics.id })
        .from(topics)
        .innerJoin(roadmaps, eq(roadmaps.id, topics.roadmapId))
        .where(and(eq(roadmaps.slug, slug), sql`${topics.archivedAt} is not null`));
      return rows.map((r) => r.id);
    },
  };
}

export type RoadmapsRepository = ReturnType<typeof createRoadmapsRepository>;
