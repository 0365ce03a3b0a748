/**
 * End-to-end tests of the learner's workspace in the topic panel, in Debian's Chromium: a
 * private note written in Markdown and previewed sanitized; a conflict provoked from two tabs
 * and resolved each of the three ways (merge, keep mine, take the saved version) without a
 * silent overwrite; personal links added, refused and removed; key concepts ticked with the
 * count; the signed-out invitation; axe-core scans with the workspace open.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or the build at
 * WAYMARK_TEST_WEB_ROOT), with the dev mailbox at /dev/mailbox.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAccounts, fillSignIn } from '../helpers/browser-accounts.js';
import { axeScan, inPage, startBrowserSuite } from '../helpers/browser.js';

const SLUG = 'senior-backend';
const TOPIC = 'dns';
const TOPIC_PATH = `/roadmaps/${SLUG}/${TOPIC}`;
const API = `/api/v1/me/roadmaps/${SLUG}/topics/${TOPIC}`;
const TIMEOUT = 90_000;
const WAIT = { timeout: 15_000, interval: 100 };

// The refused link is a 400, the provoked conflicts are 412s; signed out, the API says 401.
const suite = startBrowserSuite({ expectedStatuses: [400, 401, 404, 412] });
const { open, screenshot: shot, problems } = suite;

// ---------- accounts, made from Node ----------

const accounts = browserAccounts(suite);

/** Signs a new verified learner in through the sign-in page, which then opens the topic. */
async function signedInPage(options: Parameters<typeof open>[1] = {}): Promise<Page> {
  const { email, password } = await accounts.verifiedAccount({
    email: accounts.uniqueEmail('workspace'),
    password: accounts.newPassword('notes'),
    displayName: 'Noa',
  });
  const page = await open(`/signin?returnTo=${encodeURIComponent(TOPIC_PATH)}`, options);
  await fillSignIn(page, email, password);
  await page.waitForURL(`**${TOPIC_PATH}`);
  return page;
}

/** Script errors in second tabs (the suite watches only the pages it opens). */
const secondTabProblems: string[] = [];

/** A second tab of the same browser (same session), watched for errors like the first. */
async function secondTab(page: Page): Promise<Page> {
  const tab = await page.context().newPage();
  tab.setDefaultTimeout(10_000);
  tab.on('pageerror', (e) => secondTabProblems.push(`pageerror in the second tab: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error' && !/status of (400|401|404|412)/.test(m.text()))
      secondTabProblems.push(`console error in the second tab: ${m.text()}`);
  });
  await tab.goto(suite.url + TOPIC_PATH);
  return tab;
}

// ---------- the panel ----------

const panel = (page: Page): Locator =>
  page.getByRole('dialog').filter({ has: page.locator('#panel-title') });
const notes = (page: Page): Locator => panel(page).getByRole('region', { name: 'Your notes' });
const editor = (page: Page): Locator => notes(page).getByLabel('Your private note (Markdown)');
const noteStatus = (page: Page): Promise<string> => notes(page).locator('.note-status').innerText();
const conflict = (page: Page): Locator =>
  notes(page).getByRole('group', { name: /changed in another tab/ });

/** The note as the server has it, asked with the page's own session. */
const serverNote = (page: Page): Promise<string> =>
  inPage<{ markdown: string }>(page, `fetch('${API}/notes').then((r) => r.json())`).then(
    (n) => n.markdown,
  );

/** Types the whole note and waits for autosave to report the outcome. */
async function writeNote(page: Page, text: string, outcome: 'Saved' | 'conflict'): Promise<void> {
  await editor(page).fill(text);
  if (outcome === 'Saved') await expect.poll(() => noteStatus(page), WAIT).toBe('Saved');
  else await conflict(page).waitFor({ state: 'visible' });
}

const versionText = (page: Page, name: string | RegExp): Promise<string> =>
  conflict(page).getByRole('region', { name }).locator('pre').innerText();

describe('topic workspace', () => {
  it(
    'writes a note in Markdown and previews it sanitized',
    async () => {
      const page = await signedInPage();
      await editor(page).waitFor();
      const markdown = [
        '# Resolvers',
        '',
        'The TTL **matters**.',
        '',
        '<img src=x onerror="window.pwned=1">',
        '',
        '[click](javascript:window.pwned=2) and [RFC 1035](https://www.rfc-editor.org/rfc/rfc1035)',
      ].join('\n');
      await writeNote(page, markdown, 'Saved');
      expect(await serverNote(page)).toBe(markdown);

      await notes(page).getByRole('button', { name: 'Preview' }).click();
      const preview = notes(page).locator('.note-preview');
      await preview.locator('strong').waitFor();
      expect(await preview.locator('strong').innerText()).toBe('matters');
      expect(await preview.locator('h1').innerText()).toBe('Resolvers');
      // Raw HTML stays text, script links are not links, web links open in a new tab.
      expect(await preview.locator('img').count()).toBe(0);
      expect(await preview.innerText()).toContain('<img src=x');
      expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
      const rfc = preview.getByRole('link', { name: 'RFC 1035' });
      expect(await rfc.getAttribute('target')).toBe('_blank');
      expect(await rfc.getAttribute('rel')).toMatch(/noopener/);
      expect(await inPage(page, 'window.pwned ?? null')).toBeNull();
      await shot(page, 'workspace-note-preview', notes(page));

      // The note is there after a reload.
      await notes(page).getByRole('button', { name: 'Write' }).click();
      await page.reload();
      await editor(page).waitFor();
      expect(await editor(page).inputValue()).toBe(markdown);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows a conflict from two tabs side by side and resolves it by merging, keeping mine or taking theirs',
    async () => {
      const first = await signedInPage();
      await writeNote(first, 'Start: A records.', 'Saved');
      const second = await secondTab(first);
      await editor(second).waitFor();
      expect(await editor(second).inputValue()).toBe('Start: A records.');

      // Both tabs start from the same version; the second saves first.
      await writeNote(second, 'Start: A records.\nFrom tab two: CNAME chains.', 'Saved');
      await writeNote(first, 'Start: A records.\nFrom tab one: negative caching.', 'conflict');
      expect(await versionText(first, 'Your version')).toBe(
        'Start: A records.\nFrom tab one: negative caching.',
      );
      expect(await versionText(first, /^Saved version/)).toBe(
        'Start: A records.\nFrom tab two: CNAME chains.',
      );
      // Nothing was overwritten, and the conflict has focus so it is noticed.
      expect(await serverNote(first)).toBe('Start: A records.\nFrom tab two: CNAME chains.');
      expect(await inPage(first, `document.activeElement?.id ?? null`)).toBe('note-conflict-title');
      await shot(first, 'workspace-note-conflict', notes(first));
      expect(await axeScan(first)).toEqual([]);

      // 1. Merge by editing: mine in the editor, theirs beside it; saved only on request.
      await conflict(first).getByRole('button', { name: 'Merge by editing' }).click();
      expect(await editor(first).inputValue()).toBe(
        'Start: A records.\nFrom tab one: negative caching.',
      );
      expect(await notes(first).getByLabel('Saved version, for reference').innerText()).toContain(
        'CNAME chains',
      );
      const merged =
        'Start: A records.\nFrom tab two: CNAME chains.\nFrom tab one: negative caching.';
      await editor(first).fill(merged);
      await shot(first, 'workspace-note-merging', notes(first));
      expect(await serverNote(first)).toBe('Start: A records.\nFrom tab two: CNAME chains.');
      await notes(first).getByRole('button', { name: 'Save merged note' }).click();
      await expect.poll(() => noteStatus(first), WAIT).toBe('Saved');
      expect(await serverNote(first)).toBe(merged);

      // 2. Keep mine: the second tab is now the stale one.
      await writeNote(second, 'Tab two insists.', 'conflict');
      expect(await versionText(second, /^Saved version/)).toBe(merged);
      await conflict(second).getByRole('button', { name: 'Keep mine' }).click();
      await expect.poll(() => noteStatus(second), WAIT).toBe('Saved');
      expect(await serverNote(second)).toBe('Tab two insists.');
      expect(await editor(second).inputValue()).toBe('Tab two insists.');

      // 3. Take the saved version: the first tab drops its text and writes nothing.
      await writeNote(first, 'Tab one gives in.', 'conflict');
      await conflict(first).getByRole('button', { name: 'Take saved version' }).click();
      expect(await editor(first).inputValue()).toBe('Tab two insists.');
      expect(await serverNote(first)).toBe('Tab two insists.');
      // And it edits on from there without a conflict.
      await writeNote(first, 'Tab two insists.\nAgreed.', 'Saved');
      expect(await serverNote(first)).toBe('Tab two insists.\nAgreed.');
      expect([...problems, ...secondTabProblems]).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'adds a link, refuses a script URL, removes the link; ticks concepts and counts them (dark theme)',
    async () => {
      const page = await signedInPage({ colorScheme: 'dark' });
      const links = panel(page).getByRole('region', { name: 'Your links' });
      await links.getByLabel('URL').waitFor();
      expect(await links.innerText()).toContain('No links yet');

      await links.getByLabel('URL').fill('https://www.rfc-editor.org/rfc/rfc1035');
      await links.getByLabel('Title (optional)').fill('RFC 1035');
      await links.getByRole('button', { name: 'Add link' }).click();
      const added = links.getByRole('link', { name: /RFC 1035/ });
      await added.waitFor();
      expect(await added.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc1035');
      expect(await added.getAttribute('target')).toBe('_blank');
      expect(await added.getAttribute('rel')).toMatch(/noopener/);
      expect(await links.getByLabel('URL').inputValue()).toBe('');
      await shot(page, 'workspace-links', links);

      await links.getByLabel('URL').fill('javascript:alert(1)');
      await links.getByRole('button', { name: 'Add link' }).click();
      await links.getByRole('alert').waitFor();
      expect(await links.getByRole('alert').innerText()).toMatch(/http:\/\/ or https:\/\//);
      expect(await links.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
      expect(await links.locator('.my-link').count()).toBe(1);

      // Concepts: none ticked, then two, which survive a reload; then one.
      const concepts = panel(page).getByRole('region', { name: 'Key concepts' });
      const count = concepts.locator('.checklist-count-text');
      await count.waitFor();
      const boxes = concepts.getByRole('checkbox');
      const total = await boxes.count();
      expect(total).toBeGreaterThan(2);
      expect(await count.innerText()).toBe(`0 of ${total} ticked`);
      await boxes.nth(0).check();
      await expect.poll(() => count.innerText(), WAIT).toBe(`1 of ${total} ticked`);
      await boxes.nth(2).check();
      await expect.poll(() => count.innerText(), WAIT).toBe(`2 of ${total} ticked`);
      // Wait for the server's word before reloading.
      await expect
        .poll(
          () =>
            inPage<{ checked: number }>(
              page,
              `fetch('${API}/concepts').then((r) => r.json())`,
            ).then((c) => c.checked),
          WAIT,
        )
        .toBe(2);
      await shot(page, 'workspace-checklist-and-links', concepts);
      expect(await axeScan(page)).toEqual([]);

      await page.reload();
      await count.waitFor();
      expect(await count.innerText()).toBe(`2 of ${total} ticked`);
      expect(await boxes.nth(0).isChecked()).toBe(true);
      expect(await boxes.nth(1).isChecked()).toBe(false);
      expect(await boxes.nth(2).isChecked()).toBe(true);
      await boxes.nth(0).uncheck();
      await expect.poll(() => count.innerText(), WAIT).toBe(`1 of ${total} ticked`);

      // The link is still there after the reload; remove it.
      await links.getByRole('button', { name: 'Remove link RFC 1035' }).click();
      await expect.poll(() => links.locator('.my-link').count(), WAIT).toBe(0);
      expect(await links.innerText()).toContain('No links yet');
      const server = await inPage<{ links: unknown[] }>(
        page,
        `fetch('${API}/links').then((r) => r.json())`,
      );
      expect(server.links).toEqual([]);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'invites a signed-out visitor to sign in, with the plain list of concepts',
    async () => {
      const page = await open(TOPIC_PATH);
      const invite = panel(page).getByRole('region', { name: 'Your notes' });
      await invite.waitFor();
      expect(await invite.innerText()).toMatch(/Sign in to keep private notes/);
      expect(await invite.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
        `/signin?returnTo=${encodeURIComponent(TOPIC_PATH)}`,
      );
      expect(await panel(page).locator('.concepts li').count()).toBeGreaterThan(0);
      expect(await panel(page).getByRole('checkbox').count()).toBe(0);
      expect(await panel(page).locator('textarea').count()).toBe(0);
      expect(await axeScan(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
