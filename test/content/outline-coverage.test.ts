/**
 * The built-in roadmap covers the outline it was written from: every concept the outline names
 * is a concept of at least one topic, so removing or renaming one cannot go unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { loadRoadmap, topicsOf } from './built-in-roadmap.js';
import { namesConcept } from './content-text.js';
import { outlineConcepts } from './outline-concepts.js';

const topics = topicsOf(await loadRoadmap('senior-backend'));

/** Topic ids whose concepts name the outline concept in one of its accepted spellings. */
function topicsTeaching(spellings: string[]): string[] {
  return topics
    .filter((topic) => topic.concepts.some((phrase) => spellings.some((s) => namesConcept(phrase, s))))
    .map((topic) => topic.id);
}

describe('the senior-backend roadmap covers the outline', () => {
  it.each(outlineConcepts)('teaches "$name" (outline $section)', ({ spellings }) => {
    expect(
      topicsTeaching(spellings),
      `no topic lists any of ${spellings.map((s) => `"${s}"`).join(', ')} among its concepts`,
    ).not.toEqual([]);
  });
});

describe('the outline concept list', () => {
  it('names each concept once, with at least one non-empty spelling', () => {
    const names = outlineConcepts.map((c) => `${c.section} ${c.name.toLowerCase()}`);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(outlineConcepts.filter((c) => c.spellings.length === 0 || c.spellings.some((s) => !s.trim()))).toEqual(
      [],
    );
  });

  it('covers all seven sections of the outline', () => {
    const sections = new Set(outlineConcepts.map((c) => c.section.split('.')[0]));
    expect([...sections].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});
