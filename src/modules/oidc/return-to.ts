/**
 * Where to send the browser after an external sign-in. Only a path on this site is accepted:
 * anything that a browser could read as another origin (`//evil.example`, `/\evil.example`,
 * a tab or newline that browsers strip) would make the sign-in an open redirect.
 */
const FALLBACK = '/';
const BASE = 'https://waymark.invalid';

export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 2048) return FALLBACK;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return FALLBACK;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  // Belt and braces: whatever the rules above missed, the URL parser has the last word.
  return new URL(value, BASE).origin === BASE ? value : FALLBACK;
}
