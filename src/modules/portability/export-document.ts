/**
 * From what a learner recorded to the export: per roadmap, the topics with anything on them
 * (status, history, note, links, ticks), current topics in roadmap order and then the
 * archived ones. Pure; every format (JSON, CSV, Markdown, HTML) starts from this.
 */
import type { RoadmapView, TopicDetail } from '../roadmaps/roadmaps.schemas.js';
import type { ProgressSource, ProgressStatus } from '../../db/progress.schema.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  type ExportedTopic,
  type ProgressDocument,
} from './portability.schemas.js';

/** Everything a learner recorded (on one roadmap or all), as the repository reads it. */
export interface LearnerData {
  states: { roadmapSlug: string; topicId: string; status: ProgressStatus; updatedAt: Date }[];
  events: {
    roadmapSlug: string;
    topicId: string;
    fromStatus: ProgressStatus | null;
    toStatus: ProgressStatus;
    at: Date;
    source: ProgressSource;
  }[];
  notes: {
    roadmapSlug: string;
    topicId: string;
    markdown: string;
    version: number;
    updatedAt: Date;
  }[];
  links: { roadmapSlug: string; topicId: string; url: string; title: string; createdAt: Date }[];
  checks: { roadmapSlug: string; topicId: string; concept: string; checkedAt: Date }[];
}

/** A roadmap of the export with the content it is read against. */
export interface RoadmapExport {
  slug: string;
  /** Undefined only for data kept on a roadmap no longer in the content. */
  content: { view: RoadmapView; topics: Map<string, TopicDetail> } | undefined;
  /** Titles of the roadmap's archived topics. */
  archived: Map<string, string>;
  /** Topics with anything recorded. */
  topics: ExportedTopic[];
}

export interface Export {
  exportedAt: Date;
  roadmaps: RoadmapExport[];
}

type Row = { roadmapSlug: string; topicId: string };

function groupBy<T extends Row>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = `${row.roadmapSlug}\u0000${row.topicId}`;
    map.set(key, [...(map.get(key) ?? []), row]);
  }
  return map;
}

/**
 * Oldest first, then by text in code-unit order: the same on every database, so an account
 * and its import export the same bytes.
 */
const byTimeThen =
  <K extends string, T extends string>(time: K, text: T) =>
  (a: Record<K, Date> & Record<T, string>, b: Record<K, Date> & Record<T, string>) =>
    a[time].getTime() - b[time].getTime() || (a[text] < b[text] ? -1 : a[text] > b[text] ? 1 : 0);

/** The slugs of the roadmaps the learner recorded anything on, sorted. */
export function recordedSlugs(data: LearnerData): string[] {
  const slugs = new Set<string>();
  for (const rows of [data.states, data.events, data.links, data.checks]) {
    for (const row of rows) slugs.add(row.roadmapSlug);
  }
  for (const note of data.notes) if (note.markdown !== '') slugs.add(note.roadmapSlug);
  return [...slugs].sort();
}

/** The recorded topics of one roadmap. */
export function exportedTopics(
  data: LearnerData,
  slug: string,
  content: RoadmapExport['content'],
  archived: ReadonlyMap<string, string>,
): ExportedTopic[] {
  const mine = <T extends Row>(rows: readonly T[]) => rows.filter((r) => r.roadmapSlug === slug);
  const states = new Map(mine(data.states).map((s) => [s.topicId, s]));
  const events = groupBy(mine(data.events));
  // An empty note is no note: the API shows both the same.
  const notes = new Map(
    mine(data.notes)
      .filter((n) => n.markdown !== '')
      .map((n) => [n.topicId, n]),
  );
  const links = groupBy(mine(data.links));
  const checks = groupBy(mine(data.checks));

  const recorded = new Set<string>();
  for (const map of [states, notes]) for (const id of map.keys()) recorded.add(id);
  for (const map of [events, links, checks]) {
    for (const key of map.keys()) recorded.add(key.slice(slug.length + 1));
  }
  const current = content?.view.topics.map((t) => t.id) ?? [];
  const order = [
    ...current.filter((id) => recorded.has(id)),
    ...[...recorded].filter((id) => !content?.topics.has(id)).sort(),
  ];

  return order.map((id) => {
    const key = `${slug}\u0000${id}`;
    const state = states.get(id);
    const note = notes.get(id);
    const title = content?.topics.get(id)?.title ?? archived.get(id);
    return {
      id,
      ...(title === undefined ? {} : { title }),
      archived: !content?.topics.has(id),
      status: state?.status ?? 'not_started',
      statusUpdatedAt: state?.updatedAt.toISOString() ?? null,
      history: (events.get(key) ?? []).map((e) => ({
        from: e.fromStatus,
        to: e.toStatus,
        at: e.at.toISOString(),
        source: e.source,
      })),
      note: note
        ? {
            markdown: note.markdown,
            version: note.version,
            updatedAt: note.updatedAt.toISOString(),
          }
        : null,
      links: [...(links.get(key) ?? [])].sort(byTimeThen('createdAt', 'url')).map((l) => ({
        url: l.url,
        title: l.title,
        createdAt: l.createdAt.toISOString(),
      })),
      conceptChecks: [...(checks.get(key) ?? [])]
        .sort(byTimeThen('checkedAt', 'concept'))
        .map((c) => ({
          concept: c.concept,
          checkedAt: c.checkedAt.toISOString(),
        })),
    };
  });
}

/** The lossless JSON document. */
export function toDocument(exported: Export): ProgressDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    exportedAt: exported.exportedAt.toISOString(),
    roadmaps: exported.roadmaps.map((r) => ({
      slug: r.slug,
      ...(r.content ? { title: r.content.view.title } : {}),
      topics: r.topics,
    })),
  };
}
