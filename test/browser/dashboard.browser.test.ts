/**
 * The dashboard in Debian's Chromium: a signed-out visitor is sent to sign in; a learner marks
 * topics on the roadmap page, opens the dashboard from the header, finds the streak, the day
 * in the heatmap and the weekly goal moved, edits the goal in place (a bad time zone refused
 * and shown, nothing saved), and the page passes an axe-core scan in both themes.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or
 * WAYMARK_TEST_WEB_ROOT), so build the web app first.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAccounts, fillSignIn } from '../helpers/browser-accounts.js';
import { axeScan, horizontalOverflow, inPage, startBrowserSuite } from '../helpers/browser.js';

const SLUG = 'senior-backend';
const TIMEOUT = 90_000;
const ROADMAP = `/roadmaps/${SLUG}`;

// Signed-out visitors get 401 from /auth/session; the bad time zone answers 400 on purpose.
const suite = startBrowserSuite({ expectedStatuses: [400, 401, 404] });
const { open, screenshot: shot, problems } = suite;

let topicIds: string[];
const accounts = browserAccounts(suite);
/** A verified account made through the API (the verification mail read from Node). */
const account = () => accounts.verifiedAccount({ email: `dash.${accounts.run}@example.com` });

const node = (page: Page, id: string) => page.locator(`.node[data-topic-id="${id}"]`);
const statusOf = async (page: Page, id: string): Promise<string | undefined> =>
  /node--st-(\w+)/.exec((await node(page, id).getAttribute('class')) ?? '')?.[1];
const goalBar = (page: Page) => page.getByRole('progressbar', { name: 'Weekly goal' });

describe('the dashboard', () => {
  beforeAll(async () => {
    const view = (await (await fetch(`${suite.url}/api/v1/roadmaps/${SLUG}`)).json()) as {
      topics: { id: string }[];
    };
    topicIds = view.topics.map((t) => t.id);
  });

  it(
    'sends a signed-out visitor to sign in first',
    async () => {
      const page = await open('/dashboard');
      await page.waitForURL(/\/signin\?returnTo=%2Fdashboard$/);
      expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'shows the streak, heatmap and weekly goal after marking topics, and edits the goal in place',
    async () => {
      const { email, password } = await account();
      const page = await open(`/signin?returnTo=${encodeURIComponent(ROADMAP)}`);
      await fillSignIn(page, email, password);
      await page.waitForURL(`**${ROADMAP}`);
      await page.locator('.node[class*="node--st-"]').first().waitFor();

      // Two topics done with the keyboard shortcut, one learning.
      const [a, b, c] = topicIds;
      for (const [id, key, status] of [
        [a!, 'd', 'done'],
        [b!, 'd', 'done'],
        [c!, 'l', 'learning'],
      ] as const) {
        await node(page, id).focus();
        await page.keyboard.press(key);
        await expect.poll(() => statusOf(page, id)).toBe(status);
      }

      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('heading', { name: 'Streak' }).waitFor();
      expect(await page.getByTestId('streak-current').textContent()).toBe('1 day');
      expect(await page.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe(
        'page',
      );

      // The heatmap: today's cell holds the three changes, in text as well as in shade.
      expect(await page.getByTestId('heatmap-summary').textContent()).toMatch(
        /^3 changes on 1 day from /,
      );
      const today = page.locator('td.dash-heat[data-count="3"]');
      expect(await today.count()).toBe(1);
      expect(await today.getAttribute('class')).toContain('dash-heat--4');
      expect(await today.textContent()).toMatch(/^3 changes on \w+/);
      expect(await page.locator('td.dash-heat[data-count="0"]').count()).toBeGreaterThan(300);

      // The goal: 2 of the default 3 topics.
      expect(await page.getByTestId('goal-summary').textContent()).toBe('2 of 3 topics this week');
      expect(await goalBar(page).getAttribute('aria-valuenow')).toBe('66');

      // The roadmap card: completion, pace, and how many more days the forecast needs.
      const card = page.locator(`[data-roadmap="${SLUG}"]`);
      expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(
        String(Math.floor(200 / topicIds.length)),
      );
      expect(await card.getByTestId('pace').textContent()).toMatch(/h left: at 5 h a week/);
      expect(await card.getByTestId('forecast').textContent()).toMatch(
        /you have 1, so 4 more to go/,
      );
      expect(await card.locator('.dash-method').textContent()).toMatch(/least-squares/);
      await shot(page, 'dashboard-desktop');
      await shot(page, 'dashboard-roadmap-card', card);

      const scan = await axeScan(page);
      expect(scan, scan.join('\n')).toEqual([]);

      // Edit in place: a time zone the server does not know is refused and shown.
      await page.getByRole('button', { name: 'Edit goal and pace' }).click();
      await page.getByRole('spinbutton', { name: 'Weekly goal' }).fill('2');
      await page.getByRole('combobox', { name: 'Time zone' }).fill('Mars/Olympus_Mons');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.locator('.field--invalid .field-error').textContent())
        .toMatch(/not an IANA time zone/);
      const stored = await inPage<{ weeklyGoal: number; timeZone: string }>(
        page,
        `fetch('/api/v1/me/learning-settings').then((r) => r.json())`,
      );
      expect(stored).toMatchObject({ weeklyGoal: 3, timeZone: 'UTC' });
      const editorScan = await axeScan(page);
      expect(editorScan, editorScan.join('\n')).toEqual([]);

      // Corrected, it saves, and the goal is met.
      await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Paris');
      await page.getByRole('combobox', { name: 'Counted in' }).selectOption('topics');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.getByTestId('goal-summary').textContent())
        .toBe('2 of 2 topics this week');
      expect(await goalBar(page).getAttribute('aria-valuenow')).toBe('100');
      expect(await page.locator('.dash-goal').textContent()).toMatch(/Goal met/);
      expect(await page.locator('.dash-goal').textContent()).toMatch(/days in Europe\/Paris/);
      // Focus is back on the button that opened the editor.
      await expect
        .poll(() => inPage(page, `document.activeElement?.textContent ?? ''`))
        .toBe('Edit goal and pace');

      // Dark theme: the shades and the chart colours pass axe too.
      await page.locator('[data-theme-option="dark"]').click();
      const darkScan = await axeScan(page);
      expect(darkScan, darkScan.join('\n')).toEqual([]);
      await shot(page, 'dashboard-dark');

      // On a phone the page does not scroll sideways: the heatmap scrolls in its own region.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'dashboard-phone');
    },
    TIMEOUT,
  );

  it('has no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
