/**
 * The export for people: CSV (one row per topic, for a spreadsheet), Markdown (to read or
 * keep) and the offline HTML page of one roadmap, which is the roadmap's own printable page
 * (roadmap-formats) with the learner's statuses and notes added to its Markdown, so that one
 * renderer, the server's, escapes both.
 */
import type { ProgressStatus } from '../../db/progress.schema.js';
import { summarize } from '../progress/progress-summary.js';
import { csvField, demoteHeadings, roadmapToHtml } from '../roadmaps/roadmap-formats.js';
import type { Export, RoadmapExport } from './export-document.js';
import type { ExportedTopic } from './portability.schemas.js';

const statusLabel: Record<ProgressStatus, string> = {
  not_started: 'Not started',
  learning: 'Learning',
  done: 'Done',
  skipped: 'Skipped',
  review: 'Review',
};

const day = (iso: string) => iso.slice(0, 10);

/** A link's text: a bracket would end it early. (Raw HTML is escaped when rendered.) */
const label = (text: string) => text.replace(/[\\[\]]/g, '\\$&');

interface TopicRow {
  section: string;
  id: string;
  title: string;
  archived: boolean;
  recorded: ExportedTopic | undefined;
}

/** Every current topic of the roadmap in order, then the archived ones with something on them. */
function topicRows(roadmap: RoadmapExport): TopicRow[] {
  const recorded = new Map(roadmap.topics.map((t) => [t.id, t]));
  const rows: TopicRow[] = [];
  for (const section of roadmap.content?.view.sections ?? []) {
    for (const id of section.topicIds) {
      rows.push({
        section: section.title,
        id,
        title: roadmap.content!.topics.get(id)!.title,
        archived: false,
        recorded: recorded.get(id),
      });
    }
  }
  for (const t of roadmap.topics.filter((t) => t.archived)) {
    rows.push({ section: '', id: t.id, title: t.title ?? t.id, archived: true, recorded: t });
  }
  return rows;
}

function progressLine(roadmap: RoadmapExport): string | undefined {
  if (!roadmap.content) return undefined;
  const { total } = summarize(roadmap.content.view, statesOf(roadmap));
  return `${total.complete} of ${total.topics} topics complete (${total.percent}%).`;
}

function statesOf(roadmap: RoadmapExport) {
  return roadmap.topics.flatMap((t) =>
    t.status && t.statusUpdatedAt
      ? [{ topicId: t.id, status: t.status, updatedAt: new Date(t.statusUpdatedAt) }]
      : [],
  );
}

export const csvHeader = [
  'roadmap',
  'section',
  'topic_id',
  'title',
  'status',
  'updated_at',
  'note',
  'links',
  'concepts_checked',
  'archived',
] as const;

/** RFC 4180, one row per topic of every roadmap in the export. */
export function exportToCsv(exported: Export): string {
  const lines = [csvHeader.join(',')];
  for (const roadmap of exported.roadmaps) {
    for (const row of topicRows(roadmap)) {
      const t = row.recorded;
      lines.push(
        [
          roadmap.slug,
          row.section,
          row.id,
          row.title,
          t?.status ?? 'not_started',
          t?.statusUpdatedAt ?? '',
          t?.note?.markdown ?? '',
          (t?.links ?? []).map((l) => l.url).join(' '),
          (t?.conceptChecks ?? []).map((c) => c.concept).join('; '),
          row.archived,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * What the learner recorded on a topic, as Markdown blocks. The note goes in a block quote:
 * whatever it holds (an unclosed code fence, a heading), it ends with the quote and cannot
 * swallow what follows.
 */
export function topicMarkdown(t: ExportedTopic | undefined): string[] {
  const status = t?.status ?? 'not_started';
  const out = [
    `**Your status:** ${statusLabel[status]}` +
      (t?.statusUpdatedAt ? ` (since ${day(t.statusUpdatedAt)})` : ''),
    '',
  ];
  if (t?.note && t.note.markdown.trim() !== '') {
    const lines = demoteHeadings(t.note.markdown.replace(/\r\n?/g, '\n'), 3).split('\n');
    out.push('**Your note:**', '', ...lines.map((l) => (l === '' ? '>' : `> ${l}`)), '');
  }
  if (t?.links?.length) {
    out.push('**Your links:**', '');
    for (const l of t.links) out.push(`- [${label(l.title ?? l.url)}](<${l.url}>)`);
    out.push('');
  }
  if (t?.conceptChecks?.length) {
    out.push(`**Key concepts ticked:** ${t.conceptChecks.map((c) => c.concept).join('; ')}`, '');
  }
  return out;
}

/** One readable document: per roadmap and section, each topic with its status and note. */
export function exportToMarkdown(exported: Export): string {
  const out = [
    '# Your progress on Waymark',
    '',
    `Exported on ${exported.exportedAt.toISOString()}.`,
    '',
  ];
  if (exported.roadmaps.length === 0) out.push('Nothing recorded yet.', '');
  for (const roadmap of exported.roadmaps) {
    const title = roadmap.content?.view.title ?? roadmap.slug;
    out.push(`## ${title}`, '', `\`${roadmap.slug}\`. ${progressLine(roadmap) ?? ''}`.trim(), '');
    let section: string | undefined;
    for (const row of topicRows(roadmap)) {
      const heading = row.archived ? 'Removed from the roadmap' : row.section;
      if (heading !== section) {
        section = heading;
        out.push(`### ${heading}`, '');
      }
      out.push(`#### ${row.title}`, '', ...topicMarkdown(row.recorded));
    }
  }
  return out.join('\n');
}

/** The roadmap's printable page with the learner's statuses, notes, links and ticks. */
export function exportToHtml(roadmap: RoadmapExport, exportedAt: Date): string {
  const { view, topics } = roadmap.content!;
  const recorded = new Map(roadmap.topics.map((t) => [t.id, t]));
  const progress = summarize(view, statesOf(roadmap));
  const sections = new Map(progress.sections.map((s) => [s.sectionId, s]));
  const archived = roadmap.topics.filter((t) => t.archived);
  return roadmapToHtml({ ...view, title: `${view.title}: your progress` }, topics, {
    intro: [
      `**Your copy, exported on ${day(exportedAt.toISOString())}:** ${progressLine(roadmap) ?? ''}`,
      '',
    ],
    section: (id) => {
      const s = sections.get(id);
      return s ? [`*Your progress: ${s.complete} of ${s.topics} topics complete.*`, ''] : [];
    },
    topic: (t) => topicMarkdown(recorded.get(t.id)),
    outro:
      archived.length === 0
        ? []
        : [
            '## Removed from the roadmap',
            '',
            'Topics no longer on the roadmap, with what you recorded on them.',
            '',
            ...archived.flatMap((t) => [`### ${t.title ?? t.id}`, '', ...topicMarkdown(t)]),
          ],
  });
}
