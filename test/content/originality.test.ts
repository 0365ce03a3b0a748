/**
 * Waymark's content is written in its own words. The reference article in shared/seed/ may give
 * facts and structure, never wording: no run of eight words from it may appear in roadmap.yaml
 * or in any topic file, after lowercasing and ignoring punctuation and line breaks.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { contentRoot } from './built-in-roadmap.js';
import { copiedPhrases, wordSequences } from './content-text.js';

const SEQUENCE_LENGTH = 8;

// CI checks out shared/ beside the repository clone, so the seed lives at ../shared/seed.
const seedDir = path.resolve(packageRoot, '../shared/seed');
const seedPresent = existsSync(seedDir);

// Phrases common in the field that an independent author may write word for word. Add one only
// when it is genuinely generic (a standard term or stock phrasing, not the article's own
// sentence), with a comment saying why. Rewording is always the better fix.
const genericPhrases: string[] = [];

/** roadmap.yaml and every topic file of every built-in roadmap. */
async function contentFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const slug of await fs.readdir(contentRoot)) {
    const dir = path.join(contentRoot, slug);
    if (!(await fs.stat(dir)).isDirectory()) continue;
    files.push(path.join(dir, 'roadmap.yaml'));
    const topicsDir = path.join(dir, 'topics');
    for (const name of (await fs.readdir(topicsDir)).sort()) {
      if (name.endsWith('.md')) files.push(path.join(topicsDir, name));
    }
  }
  return files;
}

async function seedSequences(): Promise<Set<string>> {
  const sequences = new Set<string>();
  const entries = await fs.readdir(seedDir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(seedDir, e.name));
  expect(files, `no reference files in ${seedDir}`).not.toEqual([]);
  for (const file of files) {
    for (const sequence of wordSequences(await fs.readFile(file, 'utf8'), SEQUENCE_LENGTH)) sequences.add(sequence);
  }
  return sequences;
}

describe('originality of the built-in content', () => {
  // The seed is not part of this repository. A copy checked out without it must not pass
  // silently, so the test only stands aside on a developer machine; CI (where the CI variable
  // is always set) provides the seed and fails loudly if it is missing.
  const title = seedPresent
    ? `no ${SEQUENCE_LENGTH}-word sequence of the reference article appears in roadmap.yaml or a topic file`
    : `no ${SEQUENCE_LENGTH}-word sequence of the reference article appears in the content (seed folder ${seedDir} is absent)`;

  it.skipIf(!seedPresent && !process.env.CI)(title, async () => {
    expect(seedPresent, `the seed folder ${seedDir} is missing; CI must check out shared/ beside the clone`).toBe(
      true,
    );
    const reference = await seedSequences();
    const allowed = new Set(genericPhrases.flatMap((phrase) => [...wordSequences(phrase, SEQUENCE_LENGTH)]));
    const hits: string[] = [];
    for (const file of await contentFiles()) {
      const text = await fs.readFile(file, 'utf8');
      for (const phrase of copiedPhrases(reference, text, SEQUENCE_LENGTH, allowed)) {
        hits.push(`${path.relative(packageRoot, file)}: "${phrase}"`);
      }
    }
    expect(hits, 'reword these phrases in your own words').toEqual([]);
  });
});
