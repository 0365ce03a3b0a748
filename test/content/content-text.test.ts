import { describe, expect, it } from 'vitest';
import {
  copiedPhrases,
  namesConcept,
  normalisedWords,
  proseWordCount,
  sentenceCount,
  withoutFencedCode,
  wordSequences,
} from './content-text.js';

describe('namesConcept', () => {
  it('finds a spelling as whole words, ignoring case and allowing a plural', () => {
    expect(namesConcept('Inner joins and outer joins', 'inner join')).toBe(true);
    expect(namesConcept('Cross-Origin Resource Sharing (CORS)', 'cors')).toBe(true);
    expect(namesConcept('Query operators such as $in', '$in')).toBe(true);
    expect(namesConcept('The N+1 query problem', 'n+1')).toBe(true);
  });

  it('does not find a spelling inside a longer word', () => {
    expect(namesConcept('IPv4 and IPv6 addressing', 'IP')).toBe(false);
    expect(namesConcept('ZIP archives', 'IP')).toBe(false);
    expect(namesConcept('Stateless processes', 'state')).toBe(false);
  });

  it('treats "versus" and "vs" alike, and typographic apostrophes as plain ones', () => {
    expect(namesConcept('Monolith versus microservices', 'monolith vs microservices')).toBe(true);
    expect(namesConcept('Conway\u2019s law', "Conway's law")).toBe(true);
  });
});

describe('proseWordCount', () => {
  it('counts words outside fenced code and ignores bare Markdown markers', () => {
    const body = [
      '## What it is',
      '',
      'Three more words.',
      '',
      '```ts',
      'const notCounted = 1 + 2;',
      '```',
      '',
      '- one',
      '~~~',
      'ignored too',
      '~~~',
    ].join('\n');
    expect(proseWordCount(body)).toBe(7);
  });

  it('keeps a fence open until a closing fence of the same kind and length', () => {
    const body = ['````md', '```', 'still code', '````', 'prose'].join('\n');
    expect(withoutFencedCode(body).trim()).toBe('prose');
  });
});

describe('sentenceCount', () => {
  it('counts sentences ended by full stops, question and exclamation marks', () => {
    expect(sentenceCount('One. Two? Three!')).toBe(3);
    expect(sentenceCount('A single sentence without a final stop')).toBe(1);
    expect(sentenceCount('')).toBe(0);
  });

  it('does not end a sentence at an abbreviation, a dotted name or inside code', () => {
    expect(sentenceCount('Formats, e.g. JSON or CSV, and caches vs. proxies.')).toBe(1);
    expect(sentenceCount('Turns names like api.example.com into addresses. It caches them.')).toBe(2);
    expect(sentenceCount('Call `db.query(). Then` carefully.')).toBe(1);
  });
});

describe('normalisedWords', () => {
  it('lowercases and splits on any run of punctuation or whitespace', () => {
    expect(normalisedWords('The TIME-to-first byte;\n  “quoted”, ok?')).toEqual([
      'the',
      'time',
      'to',
      'first',
      'byte',
      'quoted',
      'ok',
    ]);
  });
});

describe('copiedPhrases', () => {
  const reference = wordSequences(
    'Caching is hard because the copies you keep may quietly go stale over time.',
    8,
  );

  it('reports a copied run of eight or more words once, as the whole run', () => {
    const text = 'We know that the copies you keep may quietly go stale over time, sadly.';
    expect(copiedPhrases(reference, text, 8)).toEqual(['the copies you keep may quietly go stale over time']);
  });

  it('ignores runs shorter than eight words and differences of case or punctuation only', () => {
    expect(copiedPhrases(reference, 'The copies you keep may quietly drift.', 8)).toEqual([]);
    expect(copiedPhrases(reference, 'CACHING is hard, because: the copies you keep!', 8)).toEqual([
      'caching is hard because the copies you keep',
    ]);
  });

  it('does not report sequences on the allow-list', () => {
    const allowed = wordSequences('caching is hard because the copies you keep', 8);
    expect(copiedPhrases(reference, 'Caching is hard because the copies you keep.', 8, allowed)).toEqual([]);
  });
});
