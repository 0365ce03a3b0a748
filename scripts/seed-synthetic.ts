/**
 * `npm run seed:synthetic -- --users 100000`: fills the configured database with synthetic
 * learners and a year of their progress on a built-in roadmap, for benchmarks (see
 * bench/synthetic/). Deterministic for a given seed and end date; idempotent (learners
 * already there are skipped). Writes to PostgreSQL (DATABASE_URL); the embedded database
 * only with --force, since it is the one a local Waymark keeps its real data in.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { startCore } from '../src/waymark.js';
import {
  HEAVY_EVENTS,
  SYNTHETIC_PASSWORD,
  syntheticEmail,
  syntheticUserId,
} from '../bench/synthetic/generate.js';
import { progressBar } from '../bench/synthetic/progress-bar.js';
import { seedSynthetic } from '../bench/synthetic/seed.js';

const usage = `Usage: npm run seed:synthetic -- [options]
  --users <n>       synthetic learners (default 1000)
  --seed <n>        PRNG seed (default 1): the same seed and date give the same data
  --until <date>    events fall in the year before this (default: today, 00:00 UTC)
  --roadmap <slug>  roadmap the progress is on (default senior-backend)
  --batch <n>       learners per transaction (default 1000)
  --reset           delete every synthetic learner (any seed) first
  --force           allow the embedded database (no DATABASE_URL)
Learner 0 has exactly ${HEAVY_EVENTS.toLocaleString('en-US')} events; every learner's password is "${SYNTHETIC_PASSWORD}".`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function whole(name: string, raw: string, minimum: number): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum) {
    fail(`--${name} must be a whole number >= ${minimum} (got "${raw}")`);
  }
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      users: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      until: { type: 'string' },
      roadmap: { type: 'string', default: 'senior-backend' },
      batch: { type: 'string', default: '1000' },
      reset: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const today = new Date();
today.setUTCHours(0, 0, 0, 0);
const until = values.until === undefined ? today : new Date(values.until);
if (Number.isNaN(until.getTime())) fail(`--until must be a date (got "${values.until}")`);
const users = whole('users', values.users, 1);
const seed = whole('seed', values.seed, 0);
const batchSize = whole('batch', values.batch, 1);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
if (!config.databaseUrl && !values.force) {
  fail(
    `No DATABASE_URL: this would write ${users.toLocaleString('en-US')} synthetic learners into ` +
      `the embedded database in ${config.dataDir}. Set DATABASE_URL to a PostgreSQL database ` +
      'made for benchmarks, or pass --force.',
  );
}

const core = await startCore(config);
try {
  const roadmap = core.roadmaps.roadmap(values.roadmap);
  const topicIds = roadmap.view.sections.flatMap((s) => s.topicIds);
  const target = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  console.error(
    `Seeding ${users.toLocaleString('en-US')} synthetic learners (seed ${seed}, until ` +
      `${until.toISOString()}) on ${values.roadmap} (${topicIds.length} topics) into ${target}`,
  );
  const bar = progressBar(process.stderr, users, 'learners');
  const started = Date.now();
  const report = await seedSynthetic(core.database.db, {
    users,
    seed,
    until,
    topicIds,
    roadmapSlug: values.roadmap,
    batchSize,
    reset: values.reset,
    onProgress: (p) => bar.update(p.done, `${p.events.toLocaleString('en-US')} events`),
    onLayout: () => {
      bar.finish();
      console.error('Laying the progress tables out in time order, as a live database has them');
    },
  });
  if (report.created === 0) bar.finish();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      `${report.created.toLocaleString('en-US')} learners and ` +
        `${report.events.toLocaleString('en-US')} events written in ${seconds} s; ` +
        `${report.skipped.toLocaleString('en-US')} were already there` +
        (values.reset ? `; ${report.deleted.toLocaleString('en-US')} deleted first` : ''),
      `Learner with ${HEAVY_EVENTS.toLocaleString('en-US')} events: ${syntheticEmail(seed, 0)} ` +
        `(id ${syntheticUserId(seed, 0)}), password "${SYNTHETIC_PASSWORD}"`,
    ].join('\n'),
  );
} finally {
  await core.database.close();
}
