/**
 * Roadmaps: loads content into the database (only when it changed) and serves the read API
 * from an in-memory catalog built from the database. Content changes only on deploy, so every
 * representation is rendered once at load and each request just picks the right bytes.
 */
import type { RoadmapContent } from '../../content/content.schemas.js';
import { layoutRoadmap } from '../../content/layout.js';
import { renderMarkdown } from '../../content/markdown.js';
import { cachedRepresentation, strongEtag, type CachedRepresentation } from '../../http/caching.js';
import { notFound } from '../../http/errors.js';
import { roadmapFormats, type RoadmapMediaType } from './roadmap-formats.js';
import type { RoadmapsRepository, StoredRoadmap, TopicRevision } from './roadmaps.repository.js';
import type { RoadmapSummary, RoadmapView, TopicDetail } from './roadmaps.schemas.js';

export type { TopicRevision };

export interface LoadedRoadmap {
  summary: RoadmapSummary;
  view: RoadmapView;
  topics: Map<string, TopicDetail>;
  representations: Map<RoadmapMediaType, CachedRepresentation>;
  topicJson: Map<string, CachedRepresentation>;
}

export interface SyncReport {
  written: string[];
  unchanged: string[];
}

export function toView(stored: StoredRoadmap): {
  view: RoadmapView;
  topics: Map<string, TopicDetail>;
} {
  const { roadmap } = stored;
  const sectionTitle = new Map(stored.sections.map((s) => [s.id, s.title]));
  const current = new Set(stored.topics.map((t) => t.id));
  const sectionOf = new Map(stored.topics.map((t) => [t.id, t.sectionId]));
  const edges = stored.edges.filter((e) => current.has(e.fromTopic) && current.has(e.toTopic));
  const view: RoadmapView = {
    slug: roadmap.slug,
    title: roadmap.title,
    description: roadmap.description,
    version: roadmap.version,
    contentHash: roadmap.contentHash,
    updatedAt: roadmap.updatedAt.toISOString(),
    layout: { width: roadmap.layoutWidth, height: roadmap.layoutHeight },
    sections: stored.sections.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      topicIds: stored.topics.filter((t) => t.sectionId === s.id).map((t) => t.id),
      box: s.box,
    })),
    topics: stored.topics.map((t) => ({
      id: t.id,
      sectionId: t.sectionId,
      title: t.title,
      summary: t.summary,
      optional: t.optional,
      alternatives: t.alternatives,
      concepts: t.concepts,
      hours: t.hours,
      box: t.box,
    })),
    edges: edges.map((e) => ({
      from: e.fromTopic,
      to: e.toTopic,
      crossSection: sectionOf.get(e.fromTopic) !== sectionOf.get(e.toTopic),
      points: e.points,
    })),
  };
  const topics = new Map<string, TopicDetail>(
    stored.topics.map((t) => [
      t.id,
      {
        id: t.id,
        roadmapSlug: roadmap.slug,
        sectionId: t.sectionId,
        sectionTitle: sectionTitle.get(t.sectionId) ?? '',
        title: t.title,
        summary: t.summary,
        optional: t.optional,
        alternatives: t.alternatives,
        prerequisites: edges.filter((e) => e.toTopic === t.id).map((e) => e.fromTopic),
        dependents: edges.filter((e) => e.fromTopic === t.id).map((e) => e.toTopic),
        hours: t.hours,
        concepts: t.concepts,
        resources: t.resources as TopicDetail['resources'],
        questions: t.questions,
        exercise: t.exercise,
        bodyMarkdown: t.bodyMarkdown,
        bodyHtml: renderMarkdown(t.bodyMarkdown),
      },
    ]),
  );
  return { view, topics };
}

function load(stored: StoredRoadmap): LoadedRoadmap {
  const { view, topics } = toView(stored);
  const lastModified = stored.roadmap.updatedAt;
  const hash = stored.roadmap.contentHash;
  const representations = new Map<RoadmapMediaType, CachedRepresentation>();
  for (const [mediaType, render] of Object.entries(roadmapFormats) as [
    RoadmapMediaType,
    (typeof roadmapFormats)[RoadmapMediaType],
  ][]) {
    const rendered: { body: string; contentType: string; headers?: Record<string, string> } =
      render(view, topics);
    representations.set(
      mediaType,
      cachedRepresentation({
        body: Buffer.from(rendered.body),
        contentType: rendered.contentType,
        ...(rendered.headers ? { headers: rendered.headers } : {}),
        etag: strongEtag(hash, mediaType),
        lastModified,
      }),
    );
  }
  const topicJson = new Map(
    [...topics].map(([id, detail]) => [
      id,
      cachedRepresentation({
        body: Buffer.from(JSON.stringify(detail)),
        contentType: 'application/json; charset=utf-8',
        etag: strongEtag(hash, 'topic', id),
        lastModified,
      }),
    ]),
  );
  const summary: RoadmapSummary = {
    slug: view.slug,
    title: view.title,
    description: view.description,
    version: view.version,
    sectionCount: view.sections.length,
    topicCount: view.topics.length,
    totalHours: view.topics.reduce((sum, t) => sum + t.hours, 0),
    updatedAt: view.updatedAt,
  };
  return { summary, view, topics, representations, topicJson };
}

export function createRoadmapsService(repository: RoadmapsRepository) {
  let catalog = new Map<string, LoadedRoadmap>();
  let list: CachedRepresentation | undefined;
  let loaded = false;
  let revisions = new Map<string, TopicRevision[]>();

  return {
    /** Writes content whose hash differs from the stored one; unchanged content writes nothing. */
    async syncContent(contents: RoadmapContent[], now = new Date()): Promise<SyncReport> {
      const stored = await repository.contentHashes();
      const report: SyncReport = { written: [], unchanged: [] };
      for (const content of contents) {
        if (stored.get(content.slug) === content.contentHash) {
          report.unchanged.push(content.slug);
          continue;
        }
        await repository.save(content, layoutRoadmap(content), now);
        report.written.push(content.slug);
      }
      return report;
    },

    /** Rebuilds the in-memory catalog from the database. */
    async reload(): Promise<void> {
      const next = new Map<string, LoadedRoadmap>();
      for (const stored of await repository.loadAll()) next.set(stored.roadmap.slug, load(stored));
      const items = [...next.values()].map((r) => r.summary);
      const newest = Math.max(0, ...items.map((i) => Date.parse(i.updatedAt)));
      list = cachedRepresentation({
        body: Buffer.from(JSON.stringify({ items })),
        contentType: 'application/json; charset=utf-8',
        etag: strongEtag('list', ...[...next.values()].map((r) => r.view.contentHash)),
        lastModified: new Date(newest),
      });
      const nextRevisions = new Map<string, TopicRevision[]>();
      for (const { roadmapSlug, ...revision } of await repository.topicRevisions()) {
        const list = nextRevisions.get(roadmapSlug) ?? [];
        list.push(revision);
        nextRevisions.set(roadmapSlug, list);
      }
      catalog = next;
      revisions = nextRevisions;
      loaded = true;
    },

    isLoaded: () => loaded,

    list(): CachedRepresentation {
      if (!list) throw new Error('catalog not loaded');
      return list;
    },

    roadmap(slug: string): LoadedRoadmap {
      const found = catalog.get(slug);
      if (!found) throw notFound(`Roadmap "${slug}"`);
      return found;
    },

    topicJson(slug: string, topicId: string): CachedRepresentation {
      const found = this.roadmap(slug).topicJson.get(topicId);
      if (!found) throw notFound(`Topic "${topicId}" in roadmap "${slug}"`);
      return found;
    },

    /** When each of the roadmap's topics, archived ones included, was added, changed, archived. */
    revisions(slug: string): readonly TopicRevision[] {
      this.roadmap(slug);
      return revisions.get(slug) ?? [];
    },

    /**
     * Whether a topic id is on the roadmap now or was removed from it (archived, its
     * learners' history kept); 404 when the roadmap or the id never existed. Only an id
     * missing from the catalog costs a database read.
     */
    async topicState(slug: string, topicId: string): Promise<'current' | 'archived'> {
      if (this.roadmap(slug).topics.has(topicId)) return 'current';
      if ((await repository.archivedTopicIds(slug)).includes(topicId)) return 'archived';
      throw notFound(`Topic "${topicId}" in roadmap "${slug}"`);
    },
  };
}

export type RoadmapsService = ReturnType<typeof createRoadmapsService>;
