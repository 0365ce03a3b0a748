/**
 * The API's permission scopes in plain words, for the pages that ask the user to grant them
 * (device approval, API tokens) or show what was granted (signed-in apps).
 */

export const SCOPES = [
  { value: 'profile:read', label: 'See your profile' },
  { value: 'progress:read', label: 'Read your progress' },
  { value: 'progress:write', label: 'Change your progress' },
] as const;

/** "Read your progress" for `progress:read`; a scope this page does not know, as it is. */
export const describeScope = (scope: string): string =>
  SCOPES.find((s) => s.value === scope)?.label ?? scope;

/** Listed in one order everywhere, whatever order the server sent them in. */
export const sortScopes = (scopes: readonly string[]): string[] => {
  const rank = (s: string): number => {
    const i = SCOPES.findIndex((k) => k.value === s);
    return i === -1 ? SCOPES.length : i;
  };
  return [...scopes].sort((a, b) => rank(a) - rank(b));
};

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** "see your profile and read your progress": the scopes as the end of a sentence. */
export const scopeSentence = (scopes: readonly string[]): string =>
  list.format(sortScopes(scopes).map((s) => lowerFirst(describeScope(s))));
