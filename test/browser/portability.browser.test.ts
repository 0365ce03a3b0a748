/**
 * Export and import in Debian's Chromium, from the settings page's "Your data" section: a
 * learner downloads the JSON export, changes things, imports the downloaded file and finds
 * the state as it was; a bad file shows each problem with its place in the file; the offline
 * HTML page of a roadmap downloads with the learner's note in it; axe-core finds nothing
 * serious.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or
 * WAYMARK_TEST_WEB_ROOT), so build the web app first.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAccounts,
  fillSignIn,
  type Account,
  type CallOptions,
} from '../helpers/browser-accounts.js';
import { axeScan, startBrowserSuite } from '../helpers/browser.js';

const TIMEOUT = 90_000;
const SLUG = 'senior-backend';
const NOTE = 'Indexes first: **B-trees**, then <script>alert(1)</script> stays text.';

// Signed-out visitors get 401 from /auth/session; a refused import answers 422.
const suite = startBrowserSuite({ expectedStatuses: [401, 404, 422] });
const { open, screenshot: shot, problems } = suite;

const accounts = browserAccounts(suite);
const { call } = accounts;

/** A verified account made through the API, and a session of it for calls from Node. */
async function learner(): Promise<Account & { api: CallOptions }> {
  const account = await accounts.verifiedAccount({ email: `porter.${accounts.run}@example.com` });
  return { ...account, api: { session: await accounts.sessionOf(account) } };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fillSignIn(page, email, password);
  await page.waitForURL(`${suite.url}/`);
}

describe('your data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-your-data-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(
    'downloads the JSON export, imports it after changes and finds the state restored',
    async () => {
      const me = await learner();
      const roadmap = (await (await call('GET', `/api/v1/roadmaps/${SLUG}`)).json()) as {
        title: string;
        topics: { id: string; title: string }[];
      };
      const topic = roadmap.topics[0]!.id;
      const topicUrl = `/api/v1/me/roadmaps/${SLUG}/topics/${topic}`;
      const setStatus = async (status: string) =>
        expect((await call('PUT', `${topicUrl}/status`, { status }, me.api)).status).toBe(200);
      const writeNote = async (markdown: string) =>
        expect(
          (
            await call(
              'PUT',
              `${topicUrl}/notes`,
              { markdown },
              { ...me.api, headers: { 'if-match': '*' } },
            )
          ).status,
        ).toBe(200);
      const state = async () => {
        const progress = (await (
          await call('GET', `/api/v1/me/roadmaps/${SLUG}/progress`, undefined, me.api)
        ).json()) as { topics: { topicId: string; status: string }[] };
        const note = (await (await call('GET', `${topicUrl}/notes`, undefined, me.api)).json()) as {
          markdown: string;
        };
        return {
          status: progress.topics.find((x) => x.topicId === topic)!.status,
          note: note.markdown,
        };
      };

      await setStatus('done');
      await writeNote(NOTE);

      const page = await open('/signin');
      await signIn(page, me.email, me.password);
      await page.goto(`${suite.url}/settings#your-data`);
      const section = page.locator('#your-data');
      await section.getByRole('link', { name: 'JSON' }).waitFor();
      await shot(page, 'your-data', section);

      // The JSON export, downloaded through the page.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: 'JSON' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^waymark-progress-\d{4}-\d\d-\d\d\.json$/);
      const file = join(dir, 'export.json');
      await download.saveAs(file);
      const exported = JSON.parse(await readFile(file, 'utf8')) as {
        roadmaps: { topics: { id: string; status: string; note: { markdown: string } }[] }[];
      };
      expect(exported.roadmaps[0]!.topics[0]).toMatchObject({
        id: topic,
        status: 'done',
        note: { markdown: NOTE },
      });

      // Things change after the export...
      await setStatus('skipped');
      await writeNote('Rewritten since.');
      expect(await state()).toEqual({ status: 'skipped', note: 'Rewritten since.' });

      // ... and importing the downloaded file brings them back.
      await section.getByLabel('Export file (JSON)').setInputFiles(file);
      await section.getByRole('button', { name: 'Import' }).click();
      const done = section.getByRole('status').filter({ hasText: 'Imported 1 topic' });
      await done.waitFor();
      expect(await done.textContent()).toMatch(/1 status changed.*1 note written/);
      expect(await state()).toEqual({ status: 'done', note: NOTE });
      expect(await axeScan(page)).toEqual([]);
      await shot(page, 'your-data-imported', section);

      // A bad file: refused, every problem shown where it is, nothing changed.
      const broken = structuredClone(exported) as unknown as {
        roadmaps: { slug: string; topics: { status: string; id: string }[] }[];
      };
      broken.roadmaps[0]!.topics[0]!.status = 'finished';
      broken.roadmaps.push({ slug: 'no-such-roadmap', topics: [] });
      const bad = join(dir, 'broken.json');
      await writeFile(bad, JSON.stringify(broken));
      await setStatus('learning');
      await section.getByLabel('Export file (JSON)').setInputFiles(bad);
      await section.getByRole('button', { name: 'Import' }).click();
      const refusal = section.getByRole('alert').filter({ hasText: 'nothing was imported' });
      await refusal.waitFor();
      const listed = await refusal.locator('li').allTextContents();
      expect(listed.some((l) => l.startsWith('/roadmaps/0/topics/0/status'))).toBe(true);
      expect(listed.some((l) => l.startsWith('/roadmaps/1/slug'))).toBe(true);
      expect((await state()).status).toBe('learning');
      expect(await axeScan(page)).toEqual([]);
      await shot(page, 'your-data-refused', section);

      // Not JSON at all: said before anything is sent.
      const text = join(dir, 'text.json');
      await writeFile(text, 'not json');
      await section.getByLabel('Export file (JSON)').setInputFiles(text);
      await section.getByRole('button', { name: 'Import' }).click();
      await section.getByRole('alert').filter({ hasText: 'not JSON' }).waitFor();

      // The offline page of the roadmap: its content, with the note (as text, not a script).
      const [html] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: `Download HTML of ${roadmap.title}` }).click(),
      ]);
      expect(html.suggestedFilename()).toMatch(new RegExp(`^waymark-${SLUG}-.*\\.html$`));
      const htmlFile = join(dir, 'page.html');
      await html.saveAs(htmlFile);
      const saved = await readFile(htmlFile, 'utf8');
      expect(saved).toContain('<strong>B-trees</strong>');
      expect(saved).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(saved).not.toMatch(/<script/i);

      // Opened from the disk, it shows the roadmap with nothing to fetch.
      const offline = await open('/');
      // The home page's own fetches must be over first, or they would be counted below.
      await offline.waitForLoadState('networkidle');
      const requests: string[] = [];
      offline.on('request', (r) => requests.push(r.url()));
      await offline.goto(`file://${htmlFile}`);
      await offline.getByRole('heading', { level: 1, name: /your progress/ }).waitFor();
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await shot(offline, 'offline-roadmap');

      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
