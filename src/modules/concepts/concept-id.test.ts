import { describe, expect, it } from 'vitest';
import { CONCEPT_ID_PATTERN, conceptId } from './concept-id.js';

describe('conceptId', () => {
  it('is the same for the same text and fits the pattern', () => {
    const id = conceptId('Row locks (SELECT ... FOR UPDATE) and deadlocks');
    expect(id).toBe(conceptId('Row locks (SELECT ... FOR UPDATE) and deadlocks'));
    expect(id).toMatch(new RegExp(CONCEPT_ID_PATTERN));
  });

  it('changes when the wording does, even by one character', () => {
    expect(conceptId('Isolation levels')).not.toBe(conceptId('Isolation level'));
    expect(conceptId('Isolation levels')).not.toBe(conceptId('isolation levels'));
  });
});
