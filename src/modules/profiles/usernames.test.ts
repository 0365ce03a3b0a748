import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { Username } from './profiles.schemas.js';
import { isReservedUsername } from './usernames.js';

describe('usernames', () => {
  const valid = { Check: (name: string) => Value.Check(Username, name) };

  it('accepts 3 to 32 lower-case letters, digits and inner hyphens', () => {
    for (const name of ['ada', 'a-b', 'ada-lovelace-1815', '007', 'x'.repeat(32), 'a--b']) {
      expect(valid.Check(name), name).toBe(true);
    }
  });

  it('refuses capitals, other characters, edge hyphens and the wrong length', () => {
    for (const name of ['Ada', 'ad', 'x'.repeat(33), '-ada', 'ada-', 'a_b', 'a.b', 'ada ', 'adà']) {
      expect(valid.Check(name), name).toBe(false);
    }
  });

  it('keeps names that pass for Waymark or its pages for nobody', () => {
    for (const name of ['admin', 'api', 'me', 'settings', 'waymark', 'signin', 'users']) {
      expect(isReservedUsername(name), name).toBe(true);
    }
    expect(isReservedUsername('ada')).toBe(false);
  });
});
