/**
 * The representations of a roadmap: JSON for programs, Markdown to read or keep, a standalone
 * printable HTML page, and CSV with one row per topic. The API negotiates between them and
 * `waymark export` writes them to files.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, renderMarkdown } from '../../content/markdown.js';
import type { RoadmapView, TopicDetail } from './roadmaps.schemas.js';

type Render = (
  view: RoadmapView,
  topics: Map<string, TopicDetail>,
) => { body: string; contentType: string; headers?: Record<string, string> };

const resourceLabel: Record<string, string> = {
  official: 'Official',
  article: 'Article',
  video: 'Video',
  book: 'Book',
  course: 'Course',
};

/**
 * Pushes ATX headings down `levels` so a topic's body nests under the topic's heading.
 * Lines inside fenced code blocks are left alone: `# comment` there is code, not a heading.
 */
export function demoteHeadings(markdown: string, levels: number): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (
        marker &&
        (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))
      ) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      if (fence !== undefined) return line;
      return line.replace(
        /^(#{1,6}) /,
        (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + levels))} `,
      );
    })
    .join('\n');
}

/**
 * Markdown a personal copy adds to the roadmap's own (the learner's statuses and notes in
 * the offline export), so that it is rendered by the same code as the public page. Each
 * function returns whole blocks of Markdown lines, ending with a blank line.
 */
export interface MarkdownExtras {
  /** After the roadmap's description and version. */
  intro?: string[];
  /** After a section's summary. */
  section?: (sectionId: string) => string[];
  /** After a topic's key facts (time, prerequisites, concepts), before its body. */
  topic?: (topic: TopicDetail) => string[];
  /** At the end of the document. */
  outro?: string[];
}

/** One Markdown document with every section and topic, in roadmap order. */
export function roadmapToMarkdown(
  view: RoadmapView,
  topics: Map<string, TopicDetail>,
  extras: MarkdownExtras = {},
): string {
  const out: string[] = [
    `# ${view.title}`,
    '',
    view.description,
    '',
    `Version ${view.version}.`,
    '',
    ...(extras.intro ?? []),
  ];
  for (const section of view.sections) {
    out.push(
      `## ${section.title}`,
      '',
      section.summary,
      '',
      ...(extras.section?.(section.id) ?? []),
    );
    for (const id of section.topicIds) {
      const t = topics.get(id)!;
      out.push(`### ${t.title}${t.optional ? ' (optional)' : ''}`, '', `*${t.summary}*`, '');
      out.push(`- Estimated time: ${t.hours} h`);
      if (t.prerequisites.length > 0) {
        out.push(
          `- Prerequisites: ${t.prerequisites.map((p) => topics.get(p)?.title ?? p).join(', ')}`,
        );
      }
      if (t.alternatives.length > 0) {
        out.push(
          `- Alternatives: ${t.alternatives.map((p) => topics.get(p)?.title ?? p).join(', ')}`,
        );
      }
      out.push(`- Key concepts: ${t.concepts.join('; ')}`, '', ...(extras.topic?.(t) ?? []));
      out.push(demoteHeadings(t.bodyMarkdown, 2), '');
      out.push('#### Resources', '');
      for (const r of t.resources)
        out.push(`- ${resourceLabel[r.type]}: [${r.title}](${r.url}) — ${r.why}`);
      out.push('', '#### Interview questions', '');
      t.questions.forEach((q, i) =>
        out.push(`${i + 1}. **${q.question}**`, '', `   ${q.answer.replace(/\n/g, '\n   ')}`, ''),
      );
      out.push('#### Exercise', '', t.exercise.task, '', `**Done when:** ${t.exercise.done}`, '');
    }
  }
  out.push(...(extras.outro ?? []));
  return out.join('\n');
}

const printCss = `
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:3rem}
h3{margin-top:2rem}pre{background:#f5f5f5;padding:.75rem;overflow:auto;font-size:.85rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}a{color:#0b57d0}
@media print{body{margin:0;max-width:none}h2{break-before:page}h3{break-after:avoid}pre{white-space:pre-wrap}a{color:inherit}}
`.trim();

/**
 * The policy the standalone page is served with: nothing may load or run except its own
 * stylesheet, allowed by hash (the site-wide policy would block the inline <style>).
 */
export const htmlExportCsp = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(printCss).digest('base64')}'`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A standalone, printable page: no scripts, no external resources. */
export function roadmapToHtml(
  view: RoadmapView,
  topics: Map<string, TopicDetail>,
  extras: MarkdownExtras = {},
): string {
  const body = renderMarkdown(roadmapToMarkdown(view, topics, extras));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>${printCss}</style>
</head>
<body>
${body}</body>
</html>
`;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula triggers neutralised. */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  // A leading =, +, - or @ makes spreadsheets evaluate the cell (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvColumns = [
  'section',
  'topic_id',
  'title',
  'summary',
  'optional',
  'hours',
  'prerequisites',
  'concepts',
  'resources',
] as const;

export function roadmapToCsv(view: RoadmapView, topics: Map<string, TopicDetail>): string {
  const rows: string[] = [csvColumns.join(',')];
  for (const section of view.sections) {
    for (const id of section.topicIds) {
      const t = topics.get(id)!;
      rows.push(
        [
          section.title,
          t.id,
          t.title,
          t.summary,
          t.optional,
          t.hours,
          t.prerequisites.join(' '),
          t.concepts.join('; '),
          t.resources.map((r) => r.url).join(' '),
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

export const roadmapFormats = {
  'application/json': (view) => ({
    body: JSON.stringify(view),
    contentType: 'application/json; charset=utf-8',
  }),
  'text/markdown': (view, topics) => ({
    body: roadmapToMarkdown(view, topics),
    contentType: 'text/markdown; charset=utf-8',
  }),
  'text/html': (view, topics) => ({
    body: roadmapToHtml(view, topics),
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': htmlExportCsp },
  }),
  'text/csv': (view, topics) => ({
    body: roadmapToCsv(view, topics),
    contentType: 'text/csv; charset=utf-8; header=present',
  }),
} satisfies Record<string, Render>;

export type RoadmapMediaType = keyof typeof roadmapFormats;
export const roadmapMediaTypes = Object.keys(roadmapFormats) as RoadmapMediaType[];

/** File-name friendly format names, for `waymark export --format`. */
export const exportFormats: Record<string, RoadmapMediaType> = {
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
};
