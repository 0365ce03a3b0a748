/**
 * Reads and checks roadmap content. Every problem is reported with its file and line, all at
 * once, so an author fixes a whole batch in one pass; `waymark content check` prints them and
 * the server refuses to start on them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TSchema } from 'typebox';
import { allSchemaErrors } from '../schema-errors.js';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import {
  RoadmapFile,
  TopicFrontMatter,
  type RoadmapContent,
  type TopicContent,
} from './content.schemas.js';
import { findCycle } from './graph.js';
import { LAYOUT_VERSION } from './layout.js';

/**
 * Ids no topic may take: the web app's /roadmaps/{slug}/{topicId} deep links share their path
 * with these pages of a roadmap (web/src/lib/router.ts).
 */
export const RESERVED_TOPIC_IDS: readonly string[] = ['board'];

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`Invalid roadmap content:\n${problems.map(formatProblem).join('\n')}`);
  }
}

interface ParsedYaml {
  value: unknown;
  /** Line (1-based) of the node at a path, or of its nearest existing parent. */
  lineOf(pathParts: (string | number)[]): number;
}

function parseYaml(
  text: string,
  file: string,
  lineOffset: number,
  problems: ContentProblem[],
): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = (e.linePos?.[0]?.line ?? 1) + lineOffset;
      // The library's message counts lines from the start of the YAML block; the prefix
      // already gives the line in the file, so drop its own position.
      const text = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ file, line, message: `YAML: ${text}` });
    }
    return undefined;
  }
  return {
    value: doc.toJS(),
    lineOf(pathParts) {
      for (let n = pathParts.length; n >= 0; n--) {
        const node = doc.getIn(pathParts.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + lineOffset;
      }
      return 1 + lineOffset;
    },
  };
}

/** Schema errors as problems, one per field, pointing at the line of the field. */
function schemaProblems(
  schema: TSchema,
  value: unknown,
  parsed: ParsedYaml,
  file: string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  for (const error of allSchemaErrors(schema, value)) {
    const parts = error.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
    const where = parts.join('.') || '(top level)';
    const params = error.params as Record<string, unknown>;
    let message: string;
    if (error.keyword === 'required') {
      const missing = (params.requiredProperties as string[] | undefined) ?? [];
      message = `missing required field ${missing.map((m) => `"${m}"`).join(', ')}${parts.length ? ` in ${where}` : ''}`;
    } else if (error.keyword === 'additionalProperties') {
      // One problem per unknown field, on the field's own line.
      for (const extra of (params.additionalProperties as string[] | undefined) ?? []) {
        problems.push({
          file,
          line: parsed.lineOf([...parts, extra]),
          message: `unknown field "${extra}"${parts.length ? ` in ${where}` : ''}`,
        });
      }
      continue;
    } else if (error.keyword === 'enum') {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      message = `${where}: must be one of ${allowed.join(', ')}`;
    } else if (error.keyword === 'pattern' && where.endsWith('url')) {
      message = `${where}: malformed URL (must be an absolute https:// URL)`;
    } else {
      message = `${where}: ${error.message}`;
    }
    const key = `${where}|${error.keyword}`;
    if (seen.has(key)) continue; // unions report once per member
    seen.add(key);
    problems.push({ file, line: parsed.lineOf(parts), message });
  }
  return problems;
}

/** Reads and checks one roadmap folder. Problems are appended; the content is returned if none. */
async function readRoadmap(
  dir: string,
  problems: ContentProblem[],
  relative: (file: string) => string,
): Promise<RoadmapContent | undefined> {
  const roadmapPath = path.join(dir, 'roadmap.yaml');
  const file = relative(roadmapPath);
  let text: string;
  try {
    text = await fs.readFile(roadmapPath, 'utf8');
  } catch {
    problems.push({ file, line: 1, message: 'missing roadmap.yaml' });
    return undefined;
  }
  const hash = createHash('sha256')
    .update(`layout ${LAYOUT_VERSION}\0roadmap.yaml\0`)
    .update(text);
  const parsed = parseYaml(text, file, 0, problems);
  if (!parsed) return undefined;
  const schemaErrors = schemaProblems(RoadmapFile, parsed.value, parsed, file);
  problems.push(...schemaErrors);
  if (schemaErrors.length > 0) return undefined;
  const roadmap = parsed.value as RoadmapFile;

  if (roadmap.slug !== path.basename(dir)) {
    problems.push({
      file,
      line: parsed.lineOf(['slug']),
      message: `slug "${roadmap.slug}" must match the folder name "${path.basename(dir)}"`,
    });
  }

  // Ids, references and the prerequisite graph.
  const topicIds = new Map<string, (string | number)[]>();
  const sectionIds = new Set<string>();
  roadmap.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) {
      problems.push({ file, line: parsed.lineOf(['sections', s, 'id']), message: `duplicate section id "${section.id}"` });
    }
    sectionIds.add(section.id);
    section.topics.forEach((topic, t) => {
      const at = ['sections', s, 'topics', t];
      if (topicIds.has(topic.id)) {
        problems.push({ file, line: parsed.lineOf([...at, 'id']), message: `duplicate topic id "${topic.id}"` });
      }
      if (RESERVED_TOPIC_IDS.includes(topic.id)) {
        problems.push({
          file,
          line: parsed.lineOf([...at, 'id']),
          message: `topic id "${topic.id}" is reserved: /roadmaps/{slug}/${topic.id} is a page of its own`,
        });
      }
      topicIds.set(topic.id, at);
    });
  });
  roadmap.sections.forEach((section, s) => {
    section.topics.forEach((topic, t) => {
      for (const key of ['requires', 'alternatives'] as const) {
        (topic[key] ?? []).forEach((ref, r) => {
          const line = parsed.lineOf(['sections', s, 'topics', t, key, r]);
          if (ref === topic.id) {
            problems.push({ file, line, message: `topic "${topic.id}" lists itself in ${key}` });
          } else if (!topicIds.has(ref)) {
            problems.push({ file, line, message: `${key} of "${topic.id}" names unknown topic "${ref}"` });
          }
        });
      }
    });
  });
  const edges = roadmap.sections.flatMap((s) =>
    s.topics.flatMap((t) => (t.requires ?? []).filter((r) => topicIds.has(r)).map((r) => ({ from: r, to: t.id }))),
  );
  const cycle = findCycle([...topicIds.keys()], edges);
  if (cycle) {
    problems.push({
      file,
      line: parsed.lineOf(topicIds.get(cycle[0]!)!),
      message: `prerequisite cycle: ${cycle.join(' -> ')}`,
    });
  }

  // Topic files: one per topic, none extra.
  const topicsDir = path.join(dir, 'topics');
  const present = new Set(
    (await fs.readdir(topicsDir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')),
  );
  const sections: RoadmapContent['sections'] = [];
  for (const [s, section] of roadmap.sections.entries()) {
    const topics: TopicContent[] = [];
    for (const [t, entry] of section.topics.entries()) {
      const name = `${entry.id}.md`;
      const topicPath = path.join(topicsDir, name);
      if (!present.has(name)) {
        problems.push({
          file,
          line: parsed.lineOf(['sections', s, 'topics', t, 'id']),
          message: `topic "${entry.id}" has no file ${relative(topicPath)}`,
        });
        continue;
      }
      present.delete(name);
      const topicText = await fs.readFile(topicPath, 'utf8');
      hash.update(`\0${name}\0`).update(topicText);
      const topic = readTopic(topicText, relative(topicPath), problems);
      if (topic) {
        topics.push({
          ...topic,
          id: entry.id,
          sectionId: section.id,
          requires: entry.requires ?? [],
          optional: entry.optional ?? false,
          alternatives: entry.alternatives ?? [],
        });
      }
    }
    sections.push({ id: section.id, title: section.title, summary: section.summary, topics });
  }
  for (const orphan of present) {
    problems.push({
      file: relative(path.join(topicsDir, orphan)),
      line: 1,
      message: `file belongs to no topic: add "${orphan.slice(0, -3)}" to roadmap.yaml or delete the file`,
    });
  }

  // Any problem in this roadmap's folder (roadmap.yaml or a topic file) withholds it.
  const folder = relative(dir) + path.sep;
  if (problems.some((p) => p.file.startsWith(folder))) return undefined;
  return {
    slug: roadmap.slug,
    title: roadmap.title,
    description: roadmap.description,
    version: roadmap.version,
    contentHash: hash.digest('hex'),
    sections,
  };
}

const frontMatterPattern = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function readTopic(
  text: string,
  file: string,
  problems: ContentProblem[],
): (TopicFrontMatter & { bodyMarkdown: string }) | undefined {
  const match = frontMatterPattern.exec(text);
  if (!match) {
    problems.push({ file, line: 1, message: 'missing front matter (a block between --- lines at the top)' });
    return undefined;
  }
  const parsed = parseYaml(match[1]!, file, 1, problems);
  if (!parsed) return undefined;
  const errors = schemaProblems(TopicFrontMatter, parsed.value, parsed, file);
  const front = parsed.value as TopicFrontMatter;
  if (errors.length === 0) {
    front.resources.forEach((resource, r) => {
      const line = parsed.lineOf(['resources', r, 'url']);
      try {
        const url = new URL(resource.url);
        if (!url.hostname.includes('.')) throw new Error('no domain');
      } catch {
        errors.push({ file, line, message: `resources.${r}.url: malformed URL "${resource.url}"` });
        return;
      }
      const earlier = front.resources.findIndex((other) => other.url === resource.url);
      if (earlier !== r) {
        errors.push({ file, line, message: `resources.${r}.url: duplicate of resources.${earlier}.url` });
      }
    });
  }
  const body = match[2]!.trim();
  if (body.length === 0) {
    errors.push({ file, line: text.split('\n').length, message: 'the topic has no body after the front matter' });
  }
  problems.push(...errors);
  return errors.length === 0 ? { ...front, bodyMarkdown: body } : undefined;
}

/**
 * Reads every roadmap under `root` (one folder per roadmap). Throws ContentError listing every
 * problem found; returns the roadmaps sorted by slug otherwise.
 */
export async function readContent(root: string): Promise<RoadmapContent[]> {
  const problems: ContentProblem[] = [];
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  let entries: string[];
  try {
    const dirents = await fs.readdir(root, { withFileTypes: true });
    entries = dirents.filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    throw new ContentError([{ file: relative(root), line: 1, message: 'content folder not found' }]);
  }
  if (entries.length === 0) {
    throw new ContentError([{ file: relative(root), line: 1, message: 'no roadmap folders found' }]);
  }
  const roadmaps: RoadmapContent[] = [];
  for (const entry of entries) {
    const roadmap = await readRoadmap(path.join(root, entry), problems, relative);
    if (roadmap) roadmaps.push(roadmap);
  }
  if (problems.length > 0) throw new ContentError(problems);
  return roadmaps;
}
