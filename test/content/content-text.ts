/**
 * Small text measures used by the content quality tests: whether a concept phrase names a
 * concept, how many prose words a Markdown body has, how many sentences a summary has, and the
 * word sequence the originality check compares. Kept apart from the tests so each can be tested.
 */

/** Lowercase, unify typographic quotes and dashes, and spell "versus" one way. */
function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\bversus\b|\bvs\.(?=\s)/g, 'vs');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `phrase` contains `spelling` as whole words, case-insensitively, allowing a plural
 * ending: "Inner join" names "inner joins", but "IP" is not found inside "ZIP" or "IPv6".
 */
export function namesConcept(phrase: string, spelling: string): boolean {
  const wanted = escapeRegExp(canonical(spelling).trim());
  return new RegExp(`(?<![\\p{L}\\p{N}])${wanted}(?:e?s)?(?![\\p{L}\\p{N}])`, 'u').test(canonical(phrase));
}

/** The Markdown without fenced code blocks (``` or ~~~, as CommonMark delimits them). */
export function withoutFencedCode(markdown: string): string {
  const kept: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker) {
        fence = undefined;
      }
    } else if (marker) {
      fence = { char: marker[0]!, length: marker.length };
    } else {
      kept.push(line);
    }
  }
  return kept.join('\n');
}

/** Words of prose: whitespace-separated tokens holding a letter or digit, outside code fences. */
export function proseWordCount(markdown: string): number {
  return withoutFencedCode(markdown)
    .split(/\s+/)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

// A full stop after these is not the end of a sentence.
const abbreviations = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'approx', 'no', 'dr', 'mr', 'ms']);

/**
 * Sentences in a short plain-text passage: a sentence ends at ., ! or ? followed by a space and
 * a capital, digit or opening quote, unless the word before is a known abbreviation. Inline code
 * is ignored, so `api.example.com` or `a.b()` never ends a sentence.
 */
export function sentenceCount(text: string): number {
  const plain = text.replace(/`[^`]*`/g, 'code').trim();
  if (plain === '') return 0;
  let count = 1;
  for (const match of plain.matchAll(/([\p{L}\p{N}.]*)[.!?]["')\]]*\s+(?=["'([]?[\p{Lu}\p{N}])/gu)) {
    const word = (match[1] ?? '').toLowerCase().replace(/\.$/, '');
    if (!abbreviations.has(word)) count++;
  }
  return count;
}

/** Lowercased words with every run of punctuation and whitespace collapsed: the unit of comparison. */
export function normalisedWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every run of `length` consecutive normalised words in a text. */
export function wordSequences(text: string, length: number): Set<string> {
  const words = normalisedWords(text);
  const sequences = new Set<string>();
  for (let i = 0; i + length <= words.length; i++) sequences.add(words.slice(i, i + length).join(' '));
  return sequences;
}

/**
 * The phrases of `text` that repeat at least `length` consecutive words of `reference` (given as
 * its word sequences). Overlapping hits are merged, so a copied sentence is reported once, whole.
 * Sequences in `allowed` are never reported.
 */
export function copiedPhrases(
  reference: Set<string>,
  text: string,
  length: number,
  allowed: Set<string> = new Set(),
): string[] {
  const words = normalisedWords(text);
  const phrases: string[] = [];
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) phrases.push(words.slice(runStart, runEnd + length).join(' '));
    runStart = -1;
  };
  for (let i = 0; i + length <= words.length; i++) {
    const sequence = words.slice(i, i + length).join(' ');
    if (reference.has(sequence) && !allowed.has(sequence)) {
      if (runStart < 0) runStart = i;
      runEnd = i;
    } else {
      flush();
    }
  }
  flush();
  return phrases;
}
