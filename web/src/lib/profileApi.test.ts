import { describe, expect, it } from 'vitest';
import { cardUrl, readmeSnippet, usernameProblem } from './profileApi';
import { parseRoute, profileHref } from './router';

describe('profile addresses', () => {
  it('reads /u/{username} as the profile, lower-casing it like the API', () => {
    expect(parseRoute('/u/ada-l')).toEqual({ name: 'profile', username: 'ada-l' });
    expect(parseRoute('/u/Ada/')).toEqual({ name: 'profile', username: 'ada' });
    expect(parseRoute(profileHref('ada'))).toEqual({ name: 'profile', username: 'ada' });
  });

  it('leaves what can be no username as not found', () => {
    for (const path of ['/u', '/u/', '/u/ab', '/u/-ada', '/u/a_b', '/u/ada/more', '/u/%E0%A4%A']) {
      expect(parseRoute(path), path).toEqual({ name: 'notFound' });
    }
  });

  it('builds the card address and a README snippet that links to the profile', () => {
    const origin = 'https://waymark.example';
    expect(cardUrl(origin, 'ada')).toBe('https://waymark.example/api/v1/users/ada/card.svg');
    expect(cardUrl(origin, 'ada', 'senior-backend')).toBe(
      'https://waymark.example/api/v1/users/ada/card.svg?roadmap=senior-backend',
    );
    expect(readmeSnippet(origin, 'ada')).toBe(
      '[![Waymark progress](https://waymark.example/api/v1/users/ada/card.svg)](https://waymark.example/u/ada)',
    );
  });
});

describe('usernameProblem', () => {
  it('accepts what the API accepts', () => {
    for (const name of ['ada', 'ada-lovelace', '007', 'x'.repeat(32)]) {
      expect(usernameProblem(name), name).toBeNull();
    }
  });

  it('explains what the API would refuse', () => {
    expect(usernameProblem('ab')).toBe('Use at least 3 characters.');
    expect(usernameProblem('x'.repeat(33))).toBe('Use at most 32 characters.');
    for (const name of ['-ada', 'ada-', 'a_b', 'Ada']) {
      expect(usernameProblem(name), name).toMatch(/lower-case letters, digits and hyphens/);
    }
  });
});
