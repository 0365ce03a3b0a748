/**
 * A learner's data out and back in. Export: everything recorded, as a lossless JSON document
 * or as CSV, Markdown and an offline HTML page for people. Import: the JSON document,
 * validated whole before anything is written, then applied in one transaction.
 *
 * What an import does, per topic in the file (topics not in the file are left alone, and so
 * is any field a topic leaves out): the file's state wins.
 * - Status: a topic with no history yet takes the file's history as it is (times and sources
 *   kept), so progress moved to a new account keeps its streaks and forecast. A topic with a
 *   history keeps it (it is append-only) and, when its status differs, gets one change to the
 *   file's status, recorded as `import`.
 * - Note: a topic without a note takes the file's (its version and time); a different note is
 *   replaced, its version bumped so an editor holding the old ETag gets 412.
 * - Links and ticked concepts: replaced by the file's when they differ.
 * Whatever already matches the file is not written, so importing a fresh export of the same
 * account changes nothing.
 */
import { AppError } from '../../http/errors.js';
import type { RoadmapsService } from '../roadmaps/roadmaps.service.js';
import {
  exportedTopics,
  recordedSlugs,
  toDocument,
  type Export,
  type RoadmapExport,
} from './export-document.js';
import { exportToCsv, exportToHtml, exportToMarkdown } from './export-formats.js';
import {
  importedLinkTitle,
  importErrors,
  linkUrl,
  MAX_REPORTED_ERRORS,
  type KnownTopics,
  type SchemaIssue,
} from './import-validation.js';
import type {
  ImportWriter,
  LockedState,
  PortabilityRepository,
  StoredTopicData,
  TopicKey,
} from './portability.repository.js';
import type { ExportedTopic, ImportSummary, ProgressDocument } from './portability.schemas.js';

export interface PortabilityServiceOptions {
  repository: PortabilityRepository;
  roadmaps: Pick<RoadmapsService, 'roadmap' | 'revisions'>;
  now?: () => Date;
}

const time = (iso: string | undefined, fallback: Date) => (iso ? new Date(iso) : fallback);

export function createPortabilityService({
  repository,
  roadmaps,
  now = () => new Date(),
}: PortabilityServiceOptions) {
  /** The roadmap's content, or undefined when the content has no such roadmap. */
  function content(slug: string): RoadmapExport['content'] {
    try {
      const { view, topics } = roadmaps.roadmap(slug);
      return { view, topics };
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  const archivedTitles = (slug: string): Map<string, string> =>
    content(slug) === undefined
      ? new Map<string, string>()
      : new Map<string, string>(
          roadmaps
            .revisions(slug)
            .filter((r) => r.archivedAt !== null)
            .map((r) => [r.topicId, r.title]),
        );

  /** Everything recorded; with `slug`, that roadmap only (404 when there is none). */
  async function collect(userId: string, slug?: string): Promise<Export> {
    if (slug !== undefined) roadmaps.roadmap(slug);
    const data = await repository.learnerData(userId, slug);
    const slugs = slug === undefined ? recordedSlugs(data) : [slug];
    return {
      exportedAt: now(),
      roadmaps: slugs.map((s) => {
        const c = content(s);
        const archived = archivedTitles(s);
        return { slug: s, content: c, archived, topics: exportedTopics(data, s, c, archived) };
      }),
    };
  }

  function known(slug: string): KnownTopics | undefined {
    const c = content(slug);
    if (!c) return undefined;
    return { current: new Set(c.topics.keys()), archived: new Set(archivedTitles(slug).keys()) };
  }

  return {
    async json(userId: string, slug?: string): Promise<ProgressDocument> {
      return toDocument(await collect(userId, slug));
    },

    async csv(userId: string, slug?: string): Promise<string> {
      return exportToCsv(await collect(userId, slug));
    },

    async markdown(userId: string, slug?: string): Promise<string> {
      return exportToMarkdown(await collect(userId, slug));
    },

    /** The roadmap's offline page with the learner's statuses and notes. */
    async html(userId: string, slug: string): Promise<string> {
      const exported = await collect(userId, slug);
      return exportToHtml(exported.roadmaps[0]!, exported.exportedAt);
    },

    /**
     * Validates the whole document (its schema errors come from the route), then applies it
     * in one transaction. 422 listing every problem, and nothing written, when it is not
     * valid.
     */
    async import(
      userId: string,
      body: unknown,
      issues: readonly SchemaIssue[],
    ): Promise<ImportSummary> {
      const errors = importErrors(body, issues, { known, now: now() });
      if (errors.length > 0) {
        throw new AppError(
          'invalid_import',
          `The file has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was ` +
            'imported.',
          {
            errors: errors.slice(0, MAX_REPORTED_ERRORS),
            ...(errors.length > MAX_REPORTED_ERRORS ? { errorCount: errors.length } : {}),
          },
        );
      }
      const document = body as ProgressDocument;
      return repository.transaction((writer) => apply(writer, userId, document, now()));
    },
  };
}

async function apply(
  writer: ImportWriter,
  userId: string,
  document: ProgressDocument,
  at: Date,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    roadmaps: document.roadmaps.length,
    topics: 0,
    unchanged: 0,
    statusesChanged: 0,
    historiesRestored: 0,
    notesWritten: 0,
    linksReplaced: 0,
    conceptChecksReplaced: 0,
  };
  // Roadmaps in one order, so that two imports lock their rows in the same order.
  const roadmaps = [...document.roadmaps].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  for (const roadmap of roadmaps) {
    const withStatus = roadmap.topics
      .filter((t) => t.status !== undefined || (t.history?.length ?? 0) > 0)
      .map((t) => t.id);
    const states = await writer.lockStates(userId, roadmap.slug, withStatus);
    const stored = await writer.read(
      userId,
      roadmap.slug,
      roadmap.topics.map((t) => t.id),
    );
    for (const topic of roadmap.topics) {
      const key = { userId, roadmapSlug: roadmap.slug, topicId: topic.id };
      const changes = [
        await applyStatus(writer, key, topic, states.get(topic.id), at),
        await applyNote(writer, key, topic, stored, at),
        await applyLinks(writer, key, topic, stored, at),
        await applyChecks(writer, key, topic, stored, at),
      ];
      summary.topics++;
      if (changes[0] === 'changed') summary.statusesChanged++;
      if (changes[0] === 'restored') summary.historiesRestored++;
      if (changes[1]) summary.notesWritten++;
      if (changes[2]) summary.linksReplaced++;
      if (changes[3]) summary.conceptChecksReplaced++;
      if (changes.every((c) => !c)) summary.unchanged++;
    }
    await writer.dropPlaceholders(userId, roadmap.slug, withStatus);
  }
  return summary;
}

async function applyStatus(
  writer: ImportWriter,
  key: TopicKey,
  topic: ExportedTopic,
  state: LockedState | undefined,
  at: Date,
): Promise<'changed' | 'restored' | false> {
  if (!state) return false;
  const history = topic.history ?? [];
  const fresh = state.lastEventId === null;
  if (fresh && history.length > 0) {
    await writer.recordEvents(
      key,
      history.map((e) => ({
        fromStatus: e.from,
        toStatus: e.to,
        at: new Date(e.at),
        source: e.source,
      })),
    );
    return 'restored';
  }
  const status = topic.status ?? history[history.length - 1]!.to;
  const current = fresh ? 'not_started' : state.status;
  if (status === current) return false;
  await writer.recordEvents(key, [
    {
      fromStatus: fresh ? null : state.status,
      toStatus: status,
      // Never earlier than the change before it (as for any status change).
      at: !fresh && state.updatedAt > at ? state.updatedAt : at,
      source: 'import',
    },
  ]);
  return 'changed';
}

async function applyNote(
  writer: ImportWriter,
  key: TopicKey,
  topic: ExportedTopic,
  stored: StoredTopicData,
  at: Date,
): Promise<boolean> {
  if (topic.note === undefined) return false;
  const markdown = topic.note?.markdown ?? '';
  if ((stored.notes.get(key.topicId)?.markdown ?? '') === markdown) return false;
  await writer.writeNote(
    key,
    markdown,
    { version: topic.note?.version ?? 1, updatedAt: time(topic.note?.updatedAt, at) },
    at,
  );
  return true;
}

async function applyLinks(
  writer: ImportWriter,
  key: TopicKey,
  topic: ExportedTopic,
  stored: StoredTopicData,
  at: Date,
): Promise<boolean> {
  if (topic.links === undefined) return false;
  const links = topic.links
    .map((l) => {
      // Validation already refused every URL this could not parse.
      const url = linkUrl(l.url) as URL;
      return {
        url: url.href,
        title: importedLinkTitle(l.title, url),
        createdAt: time(l.createdAt, at),
      };
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.url.localeCompare(b.url));
  const same = (a: (typeof links)[number], b: (typeof links)[number]) =>
    a.url === b.url && a.title === b.title && a.createdAt.getTime() === b.createdAt.getTime();
  if (sameList(stored.links.get(key.topicId) ?? [], links, same)) return false;
  await writer.replaceLinks(key, links);
  return true;
}

async function applyChecks(
  writer: ImportWriter,
  key: TopicKey,
  topic: ExportedTopic,
  stored: StoredTopicData,
  at: Date,
): Promise<boolean> {
  if (topic.conceptChecks === undefined) return false;
  const checks = topic.conceptChecks
    .map((c) => ({ concept: c.concept, checkedAt: time(c.checkedAt, at) }))
    .sort(
      (a, b) => a.checkedAt.getTime() - b.checkedAt.getTime() || a.concept.localeCompare(b.concept),
    );
  const same = (a: (typeof checks)[number], b: (typeof checks)[number]) =>
    a.concept === b.concept && a.checkedAt.getTime() === b.checkedAt.getTime();
  if (sameList(stored.checks.get(key.topicId) ?? [], checks, same)) return false;
  await writer.replaceChecks(key, checks);
  return true;
}

/** Equal as sets: the same items, in whatever order. */
function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => same(x, y)));
}

export type PortabilityService = ReturnType<typeof createPortabilityService>;
