/**
 * Loading content at start-up: unchanged content must cost one hash lookup and write nothing
 * (servers restart often; the content rarely changes), and changed content must archive
 * removed topics rather than delete them, because learners' progress is keyed by topic id.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { readContent } from '../../src/content/read-content.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { roadmaps, topics } from '../../src/db/schema.js';
import {
  createRoadmapsRepository,
  type RoadmapsRepository,
} from '../../src/modules/roadmaps/roadmaps.repository.js';
import {
  createRoadmapsService,
  type RoadmapsService,
} from '../../src/modules/roadmaps/roadmaps.service.js';
import { databaseTargets } from '../helpers/databases.js';

const realContent = path.join(packageRoot, 'content/roadmaps');
const tinyFixture = path.join(packageRoot, 'test/fixtures/content/valid');
const firstLoad = new Date('2026-01-01T00:00:00Z');
const laterLoad = new Date('2026-02-01T00:00:00Z');

describe.each(databaseTargets)('content sync on $name', (target) => {
  let drop: () => Promise<void>;
  let database: DatabaseHandle;
  let repository: RoadmapsRepository;
  let service: RoadmapsService;
  let statements = 0;
  const roots: string[] = [];

  // One database for the file (creating and migrating one is the slow part); each test works
  // on roadmaps of its own, so the tests do not depend on each other.
  beforeAll(async () => {
    const created = await target.create();
    drop = () => created.drop();
    database = await openDatabase({
      databaseUrl: created.databaseUrl,
      dataDir: created.dataDir,
      onQuery: () => {
        statements++;
      },
    });
    await database.migrate();
    repository = createRoadmapsRepository(database.db);
    service = createRoadmapsService(repository);
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
    await Promise.all(roots.map((root) => fs.rm(root, { recursive: true, force: true })));
  });

  /** A copy of the tiny fixture under a slug of its own; returns its content folder. */
  async function tinyCopy(slug: string): Promise<string> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-sync-'));
    roots.push(root);
    await fs.cp(path.join(tinyFixture, 'tiny'), path.join(root, slug), { recursive: true });
    await edit(root, slug, 'roadmap.yaml', 'slug: tiny\n', `slug: ${slug}\n`);
    return root;
  }

  /** Every row's version (xmin changes on any insert or update) and the roadmaps' timestamps. */
  async function rowVersions(): Promise<string[]> {
    const result = await database.db.execute(sql`
      select 'roadmap ' || slug || ' ' || xmin::text || ' ' || updated_at::text as row from roadmaps
      union all select 'section ' || roadmap_id || '/' || id || ' ' || xmin::text from sections
      union all select 'topic ' || roadmap_id || '/' || id || ' ' || xmin::text || ' ' || coalesce(archived_at::text, '-') from topics
      union all select 'edge ' || roadmap_id || '/' || from_topic || '>' || to_topic || ' ' || xmin::text from topic_edges
      order by 1`);
    // Both drivers (node-postgres and PGlite) answer with a `rows` array.
    return (result as { rows: { row: string }[] }).rows.map((r) => r.row);
  }

  it('writes nothing when the content has not changed since the last load', async () => {
    const contents = await readContent(realContent);
    expect(await service.syncContent(contents, firstLoad)).toEqual({
      written: ['senior-backend'],
      unchanged: [],
    });
    const before = await rowVersions();
    expect(before.length).toBeGreaterThan(80);

    // What one hash lookup costs as counted on this driver, to compare the whole sync against.
    statements = 0;
    await repository.contentHashes();
    const lookup = statements;
    expect(lookup).toBeGreaterThan(0);

    statements = 0;
    const report = await service.syncContent(await readContent(realContent), laterLoad);
    const used = statements;

    expect(report).toEqual({ written: [], unchanged: ['senior-backend'] });
    expect(used).toBe(lookup);
    expect(await rowVersions()).toEqual(before);
    await service.reload();
    expect(service.roadmap('senior-backend').view.updatedAt).toBe(firstLoad.toISOString());
  });

  it('updates what changed and archives a removed topic instead of deleting it', async () => {
    const root = await tinyCopy('tiny-archive');
    await service.syncContent(await readContent(root), firstLoad);
    await edit(
      root,
      'tiny-archive',
      'topics/alpha.md',
      'title: Alpha\n',
      'title: Alpha, revised\n',
    );
    await edit(
      root,
      'tiny-archive',
      'roadmap.yaml',
      '      - id: gamma\n        requires: [beta]\n        optional: true\n        alternatives: [delta]\n',
      '',
    );
    await fs.rm(path.join(root, 'tiny-archive/topics/gamma.md'));

    expect(await service.syncContent(await readContent(root), laterLoad)).toEqual({
      written: ['tiny-archive'],
      unchanged: [],
    });
    await service.reload();
    const { view, topics } = service.roadmap('tiny-archive');
    expect(view.updatedAt).toBe(laterLoad.toISOString());
    expect(view.topics.map((t) => t.id)).toEqual(['alpha', 'beta', 'delta']);
    expect(view.topics.find((t) => t.id === 'alpha')?.title).toBe('Alpha, revised');
    expect(view.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['alpha>beta']);
    expect(topics.get('beta')?.dependents).toEqual([]);
    expect(await repository.archivedTopicIds('tiny-archive')).toEqual(['gamma']);
  });

  it('brings an archived topic back when it is added again', async () => {
    const root = await tinyCopy('tiny-readd');
    const original = await readContent(root);
    await service.syncContent(original, firstLoad);
    await edit(root, 'tiny-readd', 'roadmap.yaml', '      - id: delta\n', '');
    await edit(root, 'tiny-readd', 'roadmap.yaml', '        alternatives: [delta]\n', '');
    await fs.rm(path.join(root, 'tiny-readd/topics/delta.md'));
    await service.syncContent(await readContent(root), laterLoad);
    expect(await repository.archivedTopicIds('tiny-readd')).toEqual(['delta']);

    const report = await service.syncContent(original, new Date('2026-03-01T00:00:00Z'));
    expect(report.written).toEqual(['tiny-readd']);
    expect(await repository.archivedTopicIds('tiny-readd')).toEqual([]);
    await service.reload();
    const { view } = service.roadmap('tiny-readd');
    expect(view.topics.map((t) => t.id)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(view.topics.find((t) => t.id === 'gamma')?.alternatives).toEqual(['delta']);
  });

  /** When each of a roadmap's topics was added, last changed and archived (ISO or null). */
  async function topicTimes(slug: string) {
    const rows = await database.db
      .select({
        id: topics.id,
        addedAt: topics.addedAt,
        changedAt: topics.changedAt,
        archivedAt: topics.archivedAt,
      })
      .from(topics)
      .innerJoin(roadmaps, and(eq(roadmaps.id, topics.roadmapId), eq(roadmaps.slug, slug)));
    return Object.fromEntries(
      rows.map((r) => [
        r.id,
        [r.addedAt, r.changedAt, r.archivedAt].map((d) => d?.toISOString() ?? null),
      ]),
    );
  }
  const iso = (d: Date) => d.toISOString();

  it('marks a topic changed only when its own content changes, and keeps when each was added', async () => {
    const root = await tinyCopy('tiny-changed');
    await service.syncContent(await readContent(root), firstLoad);
    expect(await topicTimes('tiny-changed')).toEqual({
      alpha: [iso(firstLoad), null, null],
      beta: [iso(firstLoad), null, null],
      gamma: [iso(firstLoad), null, null],
      delta: [iso(firstLoad), null, null],
    });

    // Alpha's body changes; gamma's removal moves delta on the graph, which is no content change.
    await edit(
      root,
      'tiny-changed',
      'topics/alpha.md',
      'Alpha is a topic',
      'Alpha is a revised topic',
    );
    await edit(
      root,
      'tiny-changed',
      'roadmap.yaml',
      '      - id: gamma\n        requires: [beta]\n        optional: true\n        alternatives: [delta]\n',
      '',
    );
    await fs.rm(path.join(root, 'tiny-changed/topics/gamma.md'));
    await service.syncContent(await readContent(root), laterLoad);
    expect(await topicTimes('tiny-changed')).toEqual({
      alpha: [iso(firstLoad), iso(laterLoad), null],
      beta: [iso(firstLoad), null, null],
      gamma: [iso(firstLoad), null, iso(laterLoad)],
      delta: [iso(firstLoad), null, null],
    });

    // A later change of hours alone is a change too, and moves changed_at on.
    const third = new Date('2026-03-01T00:00:00Z');
    await edit(root, 'tiny-changed', 'topics/beta.md', 'hours: 2\n', 'hours: 3\n');
    await service.syncContent(await readContent(root), third);
    const times = await topicTimes('tiny-changed');
    expect(times.alpha).toEqual([iso(firstLoad), iso(laterLoad), null]);
    expect(times.beta).toEqual([iso(firstLoad), iso(third), null]);
  });

  it('makes a topic that comes back from the archive new again, with no change recorded', async () => {
    const root = await tinyCopy('tiny-back');
    const original = await readContent(root);
    await service.syncContent(original, firstLoad);
    await edit(root, 'tiny-back', 'roadmap.yaml', '      - id: delta\n', '');
    await edit(root, 'tiny-back', 'roadmap.yaml', '        alternatives: [delta]\n', '');
    await edit(root, 'tiny-back', 'topics/beta.md', 'What Beta is', 'What Beta really is');
    await fs.rm(path.join(root, 'tiny-back/topics/delta.md'));
    await service.syncContent(await readContent(root), laterLoad);
    expect((await topicTimes('tiny-back')).delta).toEqual([iso(firstLoad), null, iso(laterLoad)]);

    const back = new Date('2026-03-01T00:00:00Z');
    await service.syncContent(original, back);
    const times = await topicTimes('tiny-back');
    expect(times.delta).toEqual([iso(back), null, null]);
    // Beta's summary went back to the original: that is a change too.
    expect(times.beta).toEqual([iso(firstLoad), iso(back), null]);
    // Gamma lost and regained its alternative: a change, while alpha never changed.
    expect(times.gamma).toEqual([iso(firstLoad), iso(back), null]);
    expect(times.alpha).toEqual([iso(firstLoad), null, null]);
  });

  it('writes only the roadmap that changed when several are loaded', async () => {
    const root = await tinyCopy('tiny-same');
    await fs.cp(path.join(tinyFixture, 'tiny'), path.join(root, 'tiny-new'), { recursive: true });
    await edit(root, 'tiny-new', 'roadmap.yaml', 'slug: tiny\n', 'slug: tiny-new\n');
    const contents = await readContent(root);
    const same = contents.find((r) => r.slug === 'tiny-same')!;
    const added = contents.find((r) => r.slug === 'tiny-new')!;
    await service.syncContent([same], firstLoad);
    const before = await rowVersions();

    expect(await service.syncContent([same, added], laterLoad)).toEqual({
      written: ['tiny-new'],
      unchanged: ['tiny-same'],
    });
    const after = await rowVersions();
    expect(before.filter((row) => !after.includes(row))).toEqual([]);
    expect(after.filter((row) => row.startsWith('roadmap tiny-new'))).toHaveLength(1);
  });
});

async function edit(
  root: string,
  slug: string,
  file: string,
  from: string,
  to: string,
): Promise<void> {
  const full = path.join(root, slug, file);
  const text = await fs.readFile(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  await fs.writeFile(full, text.replace(from, to));
}
