/**
 * The content checker: every problem must name its file and the line to fix, and all problems
 * must come out at once. Each test copies the tiny valid fixture to a temp folder, breaks it in
 * one place, and looks for the problem at the line that was broken.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../config.js';
import { ContentError, formatProblem, readContent, type ContentProblem } from './read-content.js';

const validFixture = path.join(packageRoot, 'test/fixtures/content/valid');
const roadmapFile = 'tiny/roadmap.yaml';
const alphaFile = 'tiny/topics/alpha.md';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => fs.rm(root, { recursive: true, force: true })));
});

async function copyFixture(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-content-'));
  roots.push(root);
  await fs.cp(validFixture, root, { recursive: true });
  return root;
}

/** The path as the checker reports it: relative to the working directory. */
const reported = (root: string, file: string) => path.relative(process.cwd(), path.join(root, file));

/** Replaces text that must occur exactly once, so a fixture change cannot make a test vacuous. */
async function edit(root: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(root, file);
  const text = await fs.readFile(full, 'utf8');
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'gm')) ?? []).length;
  if (count !== 1) throw new Error(`expected exactly one ${String(from)} in ${file}, found ${count}`);
  await fs.writeFile(full, text.replace(from, to));
}

/** 1-based line of the only line of `file` that contains `needle`. */
async function lineOf(root: string, file: string, needle: string): Promise<number> {
  const lines = (await fs.readFile(path.join(root, file), 'utf8')).split('\n');
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`expected one line with ${needle} in ${file}, found ${found.length}`);
  return found[0]!;
}

async function problemsOf(root: string): Promise<ContentProblem[]> {
  try {
    await readContent(root);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('expected the content to be rejected');
}

async function expectProblem(root: string, file: string, line: number, message: string | RegExp) {
  const problems = await problemsOf(root);
  expect(problems).toContainEqual({
    file: reported(root, file),
    line,
    message: typeof message === 'string' ? message : (expect.stringMatching(message) as string),
  });
  return problems;
}

describe('readContent on valid content', () => {
  it('loads the valid fixture with its sections, topics, edges and a content hash', async () => {
    const [roadmap, ...others] = await readContent(validFixture);
    expect(others).toEqual([]);
    expect(roadmap?.slug).toBe('tiny');
    expect(roadmap?.sections.map((s) => s.id)).toEqual(['basics', 'advanced']);
    const topics = roadmap!.sections.flatMap((s) => s.topics);
    expect(topics.map((t) => t.id)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(topics.find((t) => t.id === 'gamma')).toMatchObject({
      sectionId: 'advanced',
      requires: ['beta'],
      optional: true,
      alternatives: ['delta'],
    });
    expect(topics[0]!.bodyMarkdown).toMatch(/^## What it is/);
    expect(roadmap?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads the real content with no problem', async () => {
    const roadmaps = await readContent(path.join(packageRoot, 'content/roadmaps'));
    expect(roadmaps.map((r) => r.slug)).toContain('senior-backend');
  });

  it('gives the same hash to the same files and a different one when a topic changes', async () => {
    const root = await copyFixture();
    const [before] = await readContent(root);
    const [again] = await readContent(root);
    await edit(root, alphaFile, 'title: Alpha', 'title: Alpha, revised');
    const [after] = await readContent(root);
    expect(again!.contentHash).toBe(before!.contentHash);
    expect(after!.contentHash).not.toBe(before!.contentHash);
  });
});

describe('readContent reports each problem with its file and line', () => {
  it('a topic listed in roadmap.yaml with no file', async () => {
    const root = await copyFixture();
    await fs.rm(path.join(root, 'tiny/topics/beta.md'));
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, '- id: beta'),
      `topic "beta" has no file ${reported(root, 'tiny/topics/beta.md')}`,
    );
  });

  it('a duplicate topic id, at the second occurrence', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '      - id: delta\n', '      - id: delta\n      - id: alpha  # again\n');
    await expectProblem(root, roadmapFile, await lineOf(root, roadmapFile, '# again'), 'duplicate topic id "alpha"');
  });

  it('a topic id reserved for a page of the roadmap (the Kanban board)', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '      - id: delta\n', '      - id: delta\n      - id: board  # reserved\n');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, '# reserved'),
      'topic id "board" is reserved: /roadmaps/{slug}/board is a page of its own',
    );
  });

  it('a duplicate section id, at the second occurrence', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '- id: advanced', '- id: basics  # again');
    await expectProblem(root, roadmapFile, await lineOf(root, roadmapFile, '# again'), 'duplicate section id "basics"');
  });

  it('a requires edge to an unknown topic', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'requires: [alpha]', 'requires: [alpha, nowhere]');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, 'nowhere'),
      'requires of "beta" names unknown topic "nowhere"',
    );
  });

  it('an alternatives entry naming an unknown topic', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'alternatives: [delta]', 'alternatives: [epsilon]');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, 'epsilon'),
      'alternatives of "gamma" names unknown topic "epsilon"',
    );
  });

  it('a topic that requires itself', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'requires: [beta]', 'requires: [gamma]');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, 'requires: [gamma]'),
      'topic "gamma" lists itself in requires',
    );
  });

  it('a prerequisite cycle, naming every topic on it', async () => {
    const root = await copyFixture();
    // alpha -> beta -> gamma already exist; gamma -> alpha closes the loop.
    await edit(root, roadmapFile, '      - id: alpha\n', '      - id: alpha\n        requires: [gamma]\n');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, '- id: alpha'),
      'prerequisite cycle: alpha -> beta -> gamma -> alpha',
    );
  });

  it.each([
    ['an http:// URL', 'http://example.org/alpha/spec'],
    ['text that is not a URL', 'not-a-url'],
  ])('a resource URL that is %s', async (_name, url) => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'https://example.org/alpha/spec', url);
    await expectProblem(
      root,
      alphaFile,
      await lineOf(root, alphaFile, url),
      'resources.0.url: malformed URL (must be an absolute https:// URL)',
    );
  });

  it('a resource URL with no domain', async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'https://example.org/alpha/spec', 'https://localhost/spec');
    await expectProblem(
      root,
      alphaFile,
      await lineOf(root, alphaFile, 'localhost'),
      'resources.0.url: malformed URL "https://localhost/spec"',
    );
  });

  it('the same resource URL twice in one topic, at the second one', async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'https://example.org/alpha/article', 'https://example.org/alpha/spec');
    await expectProblem(
      root,
      alphaFile,
      (await lineOf(root, alphaFile, 'title: An article about Alpha')) + 1,
      'resources.1.url: duplicate of resources.0.url',
    );
  });

  it('a required field missing from roadmap.yaml', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, /^description:.*\n/m, '');
    // A missing top-level field points at the top of the document.
    await expectProblem(root, roadmapFile, await lineOf(root, roadmapFile, 'slug: tiny'), 'missing required field "description"');
  });

  it('a required field missing from a section, at that section', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '    summary: What comes after the basics.\n', '');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, '- id: advanced'),
      'missing required field "summary" in sections.1',
    );
  });

  it("a required field missing from a topic's front matter", async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'hours: 2\n', '');
    // The front matter starts on line 2, after the opening ---.
    await expectProblem(root, alphaFile, 2, 'missing required field "hours"');
  });

  it('an unknown field in roadmap.yaml', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '      - id: delta\n', '      - id: delta\n        weight: 3\n');
    const problems = await problemsOf(root);
    const file = reported(root, roadmapFile);
    expect(problems).toEqual([
      {
        file,
        line: await lineOf(root, roadmapFile, 'weight: 3'),
        message: 'unknown field "weight" in sections.1.topics.1',
      },
    ]);
  });

  it("an unknown field in a topic's front matter", async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'hours: 2\n', 'hours: 2\ndifficulty: hard\n');
    const problems = await problemsOf(root);
    const file = reported(root, alphaFile);
    expect(problems).toEqual([
      { file, line: await lineOf(root, alphaFile, 'difficulty: hard'), message: 'unknown field "difficulty"' },
    ]);
  });

  it('a resource type outside the five allowed values', async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'type: article', 'type: podcast');
    const problems = await problemsOf(root);
    expect(problems).toEqual([
      {
        file: reported(root, alphaFile),
        line: await lineOf(root, alphaFile, 'type: podcast'),
        message: expect.stringMatching(/type: must be one of official, article, video, book, course$/) as string,
      },
    ]);
  });

  it('reports every problem in a file, however many there are', async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'type: article', 'type: podcast');
    await edit(root, alphaFile, 'hours: 2\n', 'hours: 500\nlevel: 1\ncolour: red\nsize: 3\nmood: ok\nx1: 1\nx2: 2\nx3: 3\nx4: 4\n');
    const problems = await problemsOf(root);
    expect(problems.length).toBeGreaterThanOrEqual(10);
    expect(problems.map((p) => p.message)).toContain('unknown field "x4"');
  });

  it('a YAML syntax error in roadmap.yaml', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'title: Basics', 'title: Basics: more');
    const line = await lineOf(root, roadmapFile, 'Basics: more');
    const problems = await expectProblem(root, roadmapFile, line, /^YAML: /);
    expect(problems.every((p) => p.file === reported(root, roadmapFile))).toBe(true);
  });

  it("a YAML syntax error in a topic's front matter, at the line in the file", async () => {
    const root = await copyFixture();
    await edit(root, alphaFile, 'hours: 2', 'hours: : 2');
    await expectProblem(root, alphaFile, await lineOf(root, alphaFile, 'hours: : 2'), /^YAML: /);
  });

  it('a duplicate key in YAML', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, '    title: Basics\n', '    title: Basics\n    title: Again\n');
    await expectProblem(root, roadmapFile, await lineOf(root, roadmapFile, 'title: Again'), /^YAML: Map keys must be unique/);
  });

  it('a topic file with no front matter', async () => {
    const root = await copyFixture();
    await fs.writeFile(path.join(root, alphaFile), '# Alpha\n\nJust a body.\n');
    await expectProblem(root, alphaFile, 1, 'missing front matter (a block between --- lines at the top)');
  });

  it('a topic with an empty body, where the body should start', async () => {
    const root = await copyFixture();
    const text = await fs.readFile(path.join(root, alphaFile), 'utf8');
    const frontMatterOnly = text.slice(0, text.indexOf('\n---\n') + '\n---\n'.length);
    await fs.writeFile(path.join(root, alphaFile), frontMatterOnly);
    const closingLine = frontMatterOnly.split('\n').length - 1;
    await expectProblem(root, alphaFile, closingLine + 1, 'the topic has no body after the front matter');
  });

  it('a topic file that belongs to no topic', async () => {
    const root = await copyFixture();
    await fs.copyFile(path.join(root, alphaFile), path.join(root, 'tiny/topics/epsilon.md'));
    await expectProblem(
      root,
      'tiny/topics/epsilon.md',
      1,
      'file belongs to no topic: add "epsilon" to roadmap.yaml or delete the file',
    );
  });

  it('a slug that does not match its folder', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'slug: tiny', 'slug: small');
    await expectProblem(
      root,
      roadmapFile,
      await lineOf(root, roadmapFile, 'slug: small'),
      'slug "small" must match the folder name "tiny"',
    );
  });

  it('a folder without roadmap.yaml', async () => {
    const root = await copyFixture();
    await fs.mkdir(path.join(root, 'empty'));
    await expectProblem(root, 'empty/roadmap.yaml', 1, 'missing roadmap.yaml');
  });

  it('a content folder with no roadmap in it', async () => {
    const root = await copyFixture();
    await fs.rm(path.join(root, 'tiny'), { recursive: true });
    await expectProblem(root, '', 1, 'no roadmap folders found');
  });

  it('a content folder that does not exist', async () => {
    const root = await copyFixture();
    const missing = path.join(root, 'missing');
    expect(await problemsOf(missing)).toEqual([
      { file: reported(root, 'missing'), line: 1, message: 'content folder not found' },
    ]);
  });
});

describe('readContent with several problems', () => {
  it('reports every problem at once, across files', async () => {
    const root = await copyFixture();
    await edit(root, roadmapFile, 'requires: [alpha]', 'requires: [alpha, nowhere]');
    await edit(root, 'tiny/topics/gamma.md', 'https://example.org/gamma/spec', 'http://example.org/gamma/spec');
    await fs.rm(path.join(root, 'tiny/topics/delta.md'));
    await fs.writeFile(path.join(root, 'tiny/topics/stray.md'), 'no front matter\n');

    const problems = await problemsOf(root);
    expect(problems.map(formatProblem)).toEqual([
      `${reported(root, roadmapFile)}:${await lineOf(root, roadmapFile, 'nowhere')}: requires of "beta" names unknown topic "nowhere"`,
      `${reported(root, 'tiny/topics/gamma.md')}:${await lineOf(root, 'tiny/topics/gamma.md', 'http://')}: resources.0.url: malformed URL (must be an absolute https:// URL)`,
      `${reported(root, roadmapFile)}:${await lineOf(root, roadmapFile, '- id: delta')}: topic "delta" has no file ${reported(root, 'tiny/topics/delta.md')}`,
      `${reported(root, 'tiny/topics/stray.md')}:1: file belongs to no topic: add "stray" to roadmap.yaml or delete the file`,
    ]);
  });

  it('reports the problems of every roadmap folder, not just the first bad one', async () => {
    const root = await copyFixture();
    await fs.cp(path.join(root, 'tiny'), path.join(root, 'zeta'), { recursive: true });
    await edit(root, 'tiny/topics/beta.md', 'hours: 2', 'hours: 0');
    await edit(root, 'zeta/roadmap.yaml', 'slug: tiny', 'slug: zeta');
    await edit(root, 'zeta/topics/beta.md', 'title: Beta\n', '');
    const files = new Set((await problemsOf(root)).map((p) => p.file));
    expect(files).toEqual(new Set([reported(root, 'tiny/topics/beta.md'), reported(root, 'zeta/topics/beta.md')]));
  });

  it('formats a problem as file:line: message', () => {
    expect(formatProblem({ file: 'a/roadmap.yaml', line: 7, message: 'oops' })).toBe('a/roadmap.yaml:7: oops');
  });
});
