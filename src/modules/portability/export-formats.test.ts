import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../content/markdown.js';
import { parseCsv } from '../../../test/helpers/csv.js';
import type { RoadmapView, TopicDetail } from '../roadmaps/roadmaps.schemas.js';
import type { Export, RoadmapExport } from './export-document.js';
import {
  csvHeader,
  exportToCsv,
  exportToHtml,
  exportToMarkdown,
  topicMarkdown,
} from './export-formats.js';
import type { ExportedTopic } from './portability.schemas.js';

const box = { x: 0, y: 0, width: 1, height: 1 };
const detail = (id: string, sectionId: string): TopicDetail => ({
  id,
  roadmapSlug: 'sample',
  sectionId,
  sectionTitle: sectionId,
  title: `Title of ${id}`,
  summary: `Summary of ${id}.`,
  optional: false,
  alternatives: [],
  prerequisites: [],
  dependents: [],
  hours: 1,
  concepts: [`Concept of ${id}`],
  resources: [
    { type: 'official', title: 'Spec', url: `https://example.org/${id}`, why: 'Primary.' },
  ],
  questions: [],
  exercise: { task: 'Build it.', done: 'It works.' },
  bodyMarkdown: `Body of ${id}.`,
  bodyHtml: '',
});

function sample(recorded: ExportedTopic[]): Export {
  const topics = new Map([
    ['one', detail('one', 'first')],
    ['two', detail('two', 'second')],
  ]);
  const view: RoadmapView = {
    slug: 'sample',
    title: 'Sample',
    description: 'A sample.',
    version: '1',
    contentHash: 'h',
    updatedAt: new Date(0).toISOString(),
    layout: { width: 1, height: 1 },
    sections: [
      { id: 'first', title: 'First', summary: 'Start.', topicIds: ['one'], box },
      { id: 'second', title: 'Second', summary: 'Rest.', topicIds: ['two'], box },
    ],
    topics: [...topics.values()].map((t) => ({ ...t, box })),
    edges: [],
  };
  const roadmap: RoadmapExport = {
    slug: 'sample',
    content: { view, topics },
    archived: new Map([['gone', 'Gone topic']]),
    topics: recorded,
  };
  return { exportedAt: new Date('2026-02-03T04:05:06Z'), roadmaps: [roadmap] };
}

const NASTY =
  '=HYPERLINK("x"), "quoted"\nsecond line\n```\nunclosed fence\n# heading <script>alert(1)</script>';
const one: ExportedTopic = {
  id: 'one',
  archived: false,
  status: 'done',
  statusUpdatedAt: '2026-01-02T00:00:00.000Z',
  history: [],
  note: { markdown: NASTY, version: 1, updatedAt: '2026-01-02T00:00:00.000Z' },
  links: [
    {
      url: 'https://example.com/a',
      title: 'A [bracketed] title',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  conceptChecks: [{ concept: 'Concept of one', checkedAt: '2026-01-01T00:00:00.000Z' }],
};
const gone: ExportedTopic = {
  id: 'gone',
  title: 'Gone topic',
  archived: true,
  status: 'learning',
  statusUpdatedAt: '2026-01-01T00:00:00.000Z',
  history: [],
  note: null,
  links: [],
  conceptChecks: [],
};

describe('exportToCsv', () => {
  it('has a row per current topic and per archived one with data, every field escaped', () => {
    const rows = parseCsv(exportToCsv(sample([one, gone])));
    expect(rows[0]).toEqual([...csvHeader]);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['sample', 'First', 'one', 'Title of one', 'done'],
      ['sample', 'Second', 'two', 'Title of two', 'not_started'],
      ['sample', '', 'gone', 'Gone topic', 'learning'],
    ]);
    // A formula trigger is defused (CSV injection); the rest of the note is intact.
    expect(rows[1]![csvHeader.indexOf('note')]).toBe(`'${NASTY}`);
    expect(rows[1]![csvHeader.indexOf('concepts_checked')]).toBe('Concept of one');
    expect(rows[3]![csvHeader.indexOf('archived')]).toBe('true');
  });
});

describe('topicMarkdown', () => {
  it('quotes the note, so that an unclosed fence ends with it', () => {
    const html = renderMarkdown([...topicMarkdown(one), 'After the note.'].join('\n'));
    expect(html).toContain('<p>After the note.</p>');
    expect(html).toMatch(/<blockquote>[\s\S]*unclosed fence[\s\S]*<\/blockquote>/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://example.com/a"');
    expect(html).toContain('A [bracketed] title');
  });

  it('says a topic without anything is not started', () => {
    expect(topicMarkdown(undefined)).toEqual(['**Your status:** Not started', '']);
  });
});

describe('exportToMarkdown', () => {
  it('reads per roadmap and section, archived topics last', () => {
    const md = exportToMarkdown(sample([one, gone]));
    const headings = md.split('\n').filter((l) => /^#{1,4} /.test(l));
    expect(headings).toEqual([
      '# Your progress on Waymark',
      '## Sample',
      '### First',
      '#### Title of one',
      '### Second',
      '#### Title of two',
      '### Removed from the roadmap',
      '#### Gone topic',
    ]);
    expect(md).toContain('1 of 2 topics complete (50%).');
  });
});

describe('exportToHtml', () => {
  it("is the roadmap's page with the learner's part on each topic, and nothing that runs", () => {
    const html = exportToHtml(sample([one, gone]).roadmaps[0]!, new Date('2026-02-03T00:00:00Z'));
    expect(html).toContain('<title>Sample: your progress</title>');
    expect(html).toContain('Body of two.');
    expect(html).toContain('Your status:</strong> Done (since 2026-01-02)');
    expect(html).toContain('Your status:</strong> Not started');
    expect(html).toContain('<h2>Removed from the roadmap</h2>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script|\ssrc=/i);
  });
});
