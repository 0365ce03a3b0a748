/**
 * Synthetic learners for benchmarks (`npm run seed:synthetic`): who they are and what they
 * did, as plain rows, with no database. Every learner is drawn from a PRNG seeded with the
 * run's seed and the learner's number alone, so the same seed gives the same learners
 * whatever the batch size, order, or how many were made before.
 *
 * The shape is a plausible year of use: most learners record a few dozen changes (a
 * log-normal count, median about 25), on a few active days, moving through the roadmap
 * roughly in order (learning, then done, some reviewed, a few skipped) and coming back to
 * topics they already touched. Learner 0 is the heavy one the dashboard benchmark reads:
 * exactly `heavyEvents` changes.
 */
import type { ProgressSource, ProgressStatus } from '../../src/db/progress.schema.js';

export const SYNTHETIC_DOMAIN = 'synthetic.waymark.test';
/** The password of every synthetic learner, so any of them can sign in. */
export const SYNTHETIC_PASSWORD = 'synthetic-learner';
/** argon2id of SYNTHETIC_PASSWORD at Waymark's default cost (19 MiB, t=2, p=1), made once. */
export const SYNTHETIC_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$7ojzuFuqmWAbSm0E812lUw$9No+mF7gHhP817EPDXJKmWAS7PDO7C39qhLjbf0QFxs';
export const HEAVY_EVENTS = 5_000;

const DAY_MS = 86_400_000;

export interface SyntheticUser {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}

export interface SyntheticEvent {
  topicId: string;
  fromStatus: ProgressStatus | null;
  toStatus: ProgressStatus;
  at: Date;
  source: ProgressSource;
}

export interface SyntheticLearner {
  user: SyntheticUser;
  /** Oldest first; each topic's events chain (from = the previous to), none a no-op. */
  events: SyntheticEvent[];
}

export interface GeneratorOptions {
  seed: number;
  /** Topic ids in roadmap order. */
  topicIds: readonly string[];
  /** Events fall in the year before this instant. */
  until: Date;
  heavyEvents?: number;
}

/** mulberry32: tiny, fast, and good enough to draw plausible data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One 32-bit seed per (run seed, learner): a learner never depends on another. */
function learnerSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export const syntheticEmail = (seed: number, index: number) =>
  `s${seed}-learner-${index}@${SYNTHETIC_DOMAIN}`;

/** A version-4-shaped UUID from the learner's own stream. */
function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The learner's id alone, without drawing the rest (for checking which exist). */
export function syntheticUserId(seed: number, index: number): string {
  return uuidFrom(prng(learnerSeed(seed, index)));
}

function normal(random: () => number): number {
  // Box-Muller; 1 - random() is never 0.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, weight] of choices) {
    if ((r -= weight) < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

type Choices = readonly (readonly [ProgressStatus, number])[];
/** Where a topic goes next from each status; never to the status it has. */
const next: Record<ProgressStatus, Choices> = {
  not_started: [['learning', 1]],
  learning: [
    ['done', 0.8],
    ['skipped', 0.1],
    ['not_started', 0.1],
  ],
  done: [
    ['review', 0.7],
    ['learning', 0.3],
  ],
  review: [
    ['done', 0.8],
    ['learning', 0.2],
  ],
  skipped: [
    ['learning', 0.7],
    ['not_started', 0.3],
  ],
};
const sources: readonly (readonly [ProgressSource, number])[] = [
  ['web', 0.85],
  ['cli', 0.1],
  ['api', 0.05],
];
const first: Choices = [
  ['learning', 0.75],
  ['done', 0.15],
  ['skipped', 0.1],
];

/** How many changes a learner made: none for some, a few dozen for most, hundreds for a few. */
function eventCount(random: () => number): number {
  if (random() < 0.08) return 0;
  return Math.min(600, Math.max(1, Math.round(Math.exp(Math.log(25) + 0.9 * normal(random)))));
}

/** Times of `count` events on a few active days after `start`, oldest first. */
function eventTimes(random: () => number, count: number, start: number, end: number): Date[] {
  const span = Math.max(1, Math.floor((end - start) / DAY_MS));
  const perDay = 1 + random() * 4;
  const days = Array.from(
    { length: Math.max(1, Math.round(count / perDay)) },
    () => start + Math.floor(random() * span) * DAY_MS,
  );
  const times = Array.from({ length: count }, () => {
    const day = days[Math.floor(random() * days.length)]!;
    return Math.min(end, day + Math.floor(random() * DAY_MS));
  });
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

export function generateLearner(options: GeneratorOptions, index: number): SyntheticLearner {
  const { seed, topicIds, until } = options;
  const random = prng(learnerSeed(seed, index));
  const id = uuidFrom(random);
  const end = until.getTime();
  const heavy = index === 0;
  // Joined some time in the last year (the heavy learner at its start).
  const joined = heavy ? end - 365 * DAY_MS : end - Math.floor(random() * 365 * DAY_MS);
  const count = heavy ? (options.heavyEvents ?? HEAVY_EVENTS) : eventCount(random);
  const times = eventTimes(random, count, joined, end);

  const status = new Map<string, ProgressStatus>();
  const touched: string[] = [];
  let cursor = 0;
  const events = times.map((at): SyntheticEvent => {
    const advance = cursor < topicIds.length && (touched.length === 0 || random() < 0.55);
    let topicId: string;
    if (advance) {
      // Mostly the next topic in roadmap order, sometimes one or two further on.
      cursor = Math.min(topicIds.length - 1, cursor + (random() < 0.85 ? 0 : 1));
      topicId = topicIds[cursor]!;
      cursor++;
      if (!status.has(topicId)) touched.push(topicId);
    } else {
      topicId = touched[Math.floor(random() * touched.length)]!;
    }
    const from = status.get(topicId) ?? null;
    const to = weighted(random, from === null ? first : next[from]);
    status.set(topicId, to);
    return { topicId, fromStatus: from, toStatus: to, at, source: weighted(random, sources) };
  });
  return {
    user: {
      id,
      email: syntheticEmail(seed, index),
      displayName: `Learner ${index}`,
      createdAt: new Date(joined),
    },
    events,
  };
}
