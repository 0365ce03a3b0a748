import { describe, expect, it } from 'vitest';
import {
  csvColumns,
  csvField,
  demoteHeadings,
  exportFormats,
  roadmapFormats,
  roadmapToCsv,
  roadmapToHtml,
  roadmapToMarkdown,
} from './roadmap-formats.js';
import type { RoadmapView, TopicDetail } from './roadmaps.schemas.js';
import { parseCsv } from '../../../test/helpers/csv.js';

const box = { x: 0, y: 0, width: 220, height: 60 };

function topic(id: string, sectionId: string, overrides: Partial<TopicDetail> = {}): TopicDetail {
  return {
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
    hours: 2,
    concepts: [`Concept of ${id}`],
    resources: [
      {
        type: 'official',
        title: `Spec of ${id}`,
        url: `https://example.org/${id}`,
        why: 'Primary.',
      },
    ],
    questions: [{ question: `What is ${id}?`, answer: `It is ${id}.` }],
    exercise: { task: `Build ${id}.`, done: `${id} works.` },
    bodyMarkdown: `## About ${id}\n\nBody of ${id}.`,
    bodyHtml: '',
    ...overrides,
  };
}

/** A two-section roadmap; `extra` lets a test give one topic awkward text. */
function sample(extra: Partial<TopicDetail> = {}) {
  const topics = new Map<string, TopicDetail>([
    ['one', topic('one', 'first')],
    [
      'two',
      topic('two', 'first', { prerequisites: ['one'], optional: true, alternatives: ['three'] }),
    ],
    ['three', topic('three', 'second', { hours: 0.5, ...extra })],
  ]);
  const view: RoadmapView = {
    slug: 'sample',
    title: 'Sample <Roadmap> & Co',
    description: 'A sample roadmap.',
    version: '1.2.3',
    contentHash: 'hash',
    updatedAt: new Date(0).toISOString(),
    layout: { width: 100, height: 100 },
    sections: [
      { id: 'first', title: 'First section', summary: 'The start.', topicIds: ['one', 'two'], box },
      { id: 'second', title: 'Second section', summary: 'The rest.', topicIds: ['three'], box },
    ],
    topics: [...topics.values()].map((t) => ({
      id: t.id,
      sectionId: t.sectionId,
      title: t.title,
      summary: t.summary,
      optional: t.optional,
      alternatives: t.alternatives,
      concepts: t.concepts,
      hours: t.hours,
      box,
    })),
    edges: [{ from: 'one', to: 'two', crossSection: false, points: [] }],
  };
  return { view, topics };
}

describe('csvField', () => {
  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
  });

  it.each([
    ['a comma', 'a, b', '"a, b"'],
    ['a double quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a carriage return', 'line 1\r\nline 2', '"line 1\r\nline 2"'],
  ])('quotes a field with %s', (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=', '=HYPERLINK("https://evil.example")'],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['a tab', '\tx'],
  ])('neutralises a formula that starts with %s', (_name, value) => {
    const [[cell]] = parseCsv(csvField(value)) as [[string]];
    expect(cell).toBe(`'${value}`);
  });

  it('neutralises a formula that also needs quoting', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('="a"')).toBe(`"'=""a"""`);
  });

  it('does not touch a formula character that is not at the start', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('user@example.org')).toBe('user@example.org');
  });
});

describe('roadmapToCsv', () => {
  it('writes a header and one row per topic, in roadmap order, with CRLF line ends', () => {
    const { view, topics } = sample();
    const csv = roadmapToCsv(view, topics);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['one', 'two', 'three']);
    expect(rows[2]).toEqual([
      'First section',
      'two',
      'Title of two',
      'Summary of two.',
      'true',
      '2',
      'one',
      'Concept of two',
      'https://example.org/two',
    ]);
  });

  it('keeps one record per topic when text holds commas, quotes, line breaks and formulas', () => {
    const { view, topics } = sample({
      title: '=cmd|" /C calc"!A0',
      summary: 'First line, with a comma\nsecond "quoted" line',
      concepts: ['@risky', 'safe'],
    });
    const rows = parseCsv(roadmapToCsv(view, topics));
    expect(rows).toHaveLength(1 + 3);
    expect(rows.every((r) => r.length === csvColumns.length)).toBe(true);
    const three = rows[3]!;
    expect(three[2]).toBe(`'=cmd|" /C calc"!A0`);
    expect(three[3]).toBe('First line, with a comma\nsecond "quoted" line');
    expect(three[7]).toBe(`'@risky; safe`);
  });
});

describe('roadmapToMarkdown', () => {
  it('contains every section and every topic with its details', () => {
    const { view, topics } = sample();
    const md = roadmapToMarkdown(view, topics);
    expect(md.startsWith('# Sample <Roadmap> & Co\n')).toBe(true);
    expect(md).toContain('Version 1.2.3.');
    for (const section of view.sections) expect(md).toContain(`\n## ${section.title}\n`);
    for (const t of topics.values()) {
      expect(md).toMatch(new RegExp(`\\n### ${t.title}( \\(optional\\))?\\n`));
      expect(md).toContain(`[${t.resources[0]!.title}](${t.resources[0]!.url})`);
      expect(md).toContain(`**${t.questions[0]!.question}**`);
      expect(md).toContain(t.exercise.task);
    }
    expect(md).toContain('### Title of two (optional)');
    expect(md).toContain('- Prerequisites: Title of one');
    expect(md).toContain('- Alternatives: Title of three');
    expect(md).toContain('- Estimated time: 0.5 h');
  });

  it("demotes a topic body's headings below the topic's own", () => {
    const { view, topics } = sample();
    const md = roadmapToMarkdown(view, topics);
    expect(md).toContain('\n#### About one\n');
    expect(md).not.toMatch(/^## About/m);
  });
});

describe('demoteHeadings', () => {
  it('pushes headings down, never past level 6', () => {
    expect(demoteHeadings('# A\n## B\n###### F\ntext #not', 2)).toBe(
      '### A\n#### B\n###### F\ntext #not',
    );
  });

  it('leaves comment lines inside fenced code alone', () => {
    const body = [
      '## Setup',
      '```bash',
      '# install',
      'apt-get install x',
      '```',
      '~~~yaml',
      '# key',
      '~~~',
      '## After',
    ].join('\n');
    expect(demoteHeadings(body, 2).split('\n')).toEqual([
      '#### Setup',
      '```bash',
      '# install',
      'apt-get install x',
      '```',
      '~~~yaml',
      '# key',
      '~~~',
      '#### After',
    ]);
  });
});

describe('roadmapToHtml', () => {
  it('is a standalone page: a full document with inline styles and no external resources', () => {
    const { view, topics } = sample();
    const html = roadmapToHtml(view, topics);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toMatch(/<\/html>\n$/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=/i);
    expect(html).toContain('<title>Sample &lt;Roadmap&gt; &amp; Co</title>');
  });

  it('contains no script, even when the content tries to inject one', () => {
    const { view, topics } = sample({
      title: '<script>alert(1)</script>',
      bodyMarkdown:
        '<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n[x](javascript:alert(4))',
    });
    const html = roadmapToHtml(view, topics);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders every topic', () => {
    const { view, topics } = sample();
    const html = roadmapToHtml(view, topics);
    for (const t of topics.values()) expect(html).toContain(t.title);
  });
});

describe('roadmapFormats', () => {
  it('offers JSON, Markdown, HTML and CSV, each with its content type', () => {
    const { view, topics } = sample();
    const types = Object.entries(roadmapFormats).map(([mediaType, render]) => [
      mediaType,
      render(view, topics).contentType,
    ]);
    expect(types).toEqual([
      ['application/json', 'application/json; charset=utf-8'],
      ['text/markdown', 'text/markdown; charset=utf-8'],
      ['text/html', 'text/html; charset=utf-8'],
      ['text/csv', 'text/csv; charset=utf-8; header=present'],
    ]);
    expect(JSON.parse(roadmapFormats['application/json'](view).body)).toEqual(view);
  });

  it('maps every export format name to a media type it can render', () => {
    for (const mediaType of Object.values(exportFormats))
      expect(Object.keys(roadmapFormats)).toContain(mediaType);
  });
});
