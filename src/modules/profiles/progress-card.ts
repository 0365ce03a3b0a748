/**
 * The progress card: a small SVG image of one learner's progress on one roadmap, for README
 * files and web pages. Pure, so escaping, numbers and the bar are tested alone.
 *
 * The image is static: no script, no link, nothing loaded from anywhere. Its one stylesheet
 * is fixed text (never anything a learner wrote), so the response allows exactly it by hash.
 * Light and dark colours follow prefers-color-scheme.
 */
import { createHash } from 'node:crypto';

export interface CardCounts {
  not_started: number;
  learning: number;
  done: number;
  skipped: number;
  review: number;
}

export interface CardInput {
  displayName: string;
  username: string;
  /** Null when the learner has not marked a topic on any roadmap yet. */
  roadmap: {
    title: string;
    topics: number;
    complete: number;
    percent: number;
    counts: CardCounts;
  } | null;
}

export const CARD_WIDTH = 480;
export const CARD_HEIGHT = 144;
const PAD = 20;
export const BAR_WIDTH = CARD_WIDTH - 2 * PAD;

const FONT = `system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif`;
/** Contrast of text on its background is at least 4.5:1 in both schemes. */
export const CARD_CSS = [
  `text{font-family:${FONT}}`,
  '.bg{fill:#ffffff;stroke:#cdd2de}',
  '.title{font-size:17px;font-weight:600;fill:#0f172a}',
  '.pct{font-size:14px;font-weight:600;fill:#0f172a}',
  '.sub,.meta{fill:#556070}',
  '.sub{font-size:13px}',
  '.meta{font-size:12px}',
  '.track{fill:#e9ebf2}',
  '.fill{fill:#4f46e5}',
  '@media (prefers-color-scheme:dark){' +
    '.bg{fill:#0d1117;stroke:#29313c}' +
    '.title,.pct{fill:#e6edf3}' +
    '.sub,.meta{fill:#9aa6b5}' +
    '.track{fill:#21262d}' +
    '.fill{fill:#8b8df9}}',
].join('');

/**
 * The policy the card is served with: its stylesheet (by hash) and nothing else, should it be
 * opened as a document. An image in an <img> ignores CSP anyway and never runs script.
 */
export const CARD_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CARD_CSS).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Text safe in XML character data and in quoted attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** At most `max` user-perceived characters, the last an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const parts = Array.from(graphemes.segment(text.trim()), (s) => s.segment);
  return parts.length <= max
    ? parts.join('')
    : `${parts
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** A whole number from 0 to 100, whatever it was given. */
export const clampPercent = (percent: number): number =>
  Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.floor(percent))) : 0;

/** Width of the bar's filled part, to a tenth of a unit. */
export const barFill = (percent: number): number =>
  Math.round((BAR_WIDTH * clampPercent(percent)) / 10) / 10;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 done · 2 learning · 1 in review": done always, the others only when there are some. */
export function countsLine(counts: CardCounts): string {
  return [
    `${counts.done} done`,
    counts.learning > 0 && `${counts.learning} learning`,
    counts.review > 0 && `${counts.review} in review`,
    counts.skipped > 0 && `${counts.skipped} skipped`,
  ]
    .filter(Boolean)
    .join(' · ');
}

interface Text {
  className: string;
  x: number;
  y: number;
  text: string;
  end?: boolean;
}
const text = ({ className, x, y, text: content, end }: Text) =>
  `<text class="${className}" x="${x}" y="${y}"${end ? ' text-anchor="end"' : ''}>` +
  `${escapeXml(content)}</text>`;

export function renderCard(input: CardInput): string {
  const name = truncate(input.displayName, 40);
  const who = `${name} · @${input.username}`;
  const { roadmap } = input;
  const percent = clampPercent(roadmap?.percent ?? 0);
  const title = roadmap
    ? `${name}’s progress on ${roadmap.title}: ${percent}% complete`
    : `${name} has not started a roadmap yet`;
  const desc = roadmap
    ? `${roadmap.complete} of ${plural(roadmap.topics, 'topic')} complete: ` +
      `${roadmap.counts.done} done, ${roadmap.counts.learning} learning, ` +
      `${roadmap.counts.review} in review, ${roadmap.counts.skipped} skipped, ` +
      `${roadmap.counts.not_started} not started. On Waymark.`
    : 'A Waymark progress card.';
  const fill = barFill(percent);
  const right = CARD_WIDTH - PAD;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" ` +
      `viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" role="img" aria-labelledby="card-title card-desc">`,
    `<title id="card-title">${escapeXml(title)}</title>`,
    `<desc id="card-desc">${escapeXml(desc)}</desc>`,
    `<style>${CARD_CSS}</style>`,
    `<rect class="bg" x="0.5" y="0.5" width="${CARD_WIDTH - 1}" height="${CARD_HEIGHT - 1}" rx="10"/>`,
    text({
      className: 'title',
      x: PAD,
      y: 36,
      text: roadmap ? truncate(roadmap.title, 44) : 'No roadmap started yet',
    }),
    text({ className: 'sub', x: PAD, y: 58, text: truncate(who, 60) }),
    `<rect class="track" x="${PAD}" y="72" width="${BAR_WIDTH}" height="10" rx="5"/>`,
    fill > 0 ? `<rect class="fill" x="${PAD}" y="72" width="${fill}" height="10" rx="5"/>` : '',
    text({ className: 'pct', x: PAD, y: 108, text: `${percent}% complete` }),
    roadmap
      ? text({
          className: 'meta',
          x: right,
          y: 108,
          text: `${roadmap.complete} of ${plural(roadmap.topics, 'topic')}`,
          end: true,
        })
      : '',
    roadmap ? text({ className: 'meta', x: PAD, y: 128, text: countsLine(roadmap.counts) }) : '',
    text({ className: 'meta', x: right, y: 128, text: 'Waymark', end: true }),
    '</svg>',
  ];
  return parts.filter(Boolean).join('\n') + '\n';
}
