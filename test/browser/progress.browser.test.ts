/**
 * Progress on the roadmap page in Debian's Chromium: marking topics with the panel's buttons
 * and with the keyboard shortcuts while the section and total bars move, a topic's history, a
 * change the server refuses rolled back, progress kept in the browser without an account and
 * merged into it at sign-up, "new since your last visit", and axe-core scans with statuses
 * shown in both themes.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or
 * WAYMARK_TEST_WEB_ROOT), so build the web app first.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAccounts, fillSignIn, type Account } from '../helpers/browser-accounts.js';
import { axeScan, inPage, refuseStatusChanges, startBrowserSuite } from '../helpers/browser.js';

const SLUG = 'senior-backend';
const TIMEOUT = 60_000;
const ROADMAP = `/roadmaps/${SLUG}`;

// Signed-out visitors get 401 from /auth/session; the rollback test answers 503 on purpose.
const suite = startBrowserSuite({ expectedStatuses: [401, 404, 503] });
const { open, screenshot: shot, problems } = suite;

interface View {
  sections: { id: string; title: string; topicIds: string[] }[];
  topics: { id: string; title: string; sectionId: string }[];
}
let view: View;
let topicCount: number;

const { uniqueEmail, newPassword, mailedLink, verifiedAccount } = browserAccounts(suite);

/** A verified account made through the API, shared by the signed-in tests. */
let member: Promise<Account> | undefined;
const account = (): Promise<Account> => (member ??= verifiedAccount());

/** A page on the roadmap, signed in with the shared account. */
async function signedInRoadmap(): Promise<Page> {
  const { email, password } = await account();
  const page = await open(`/signin?returnTo=${encodeURIComponent(ROADMAP)}`);
  await fillSignIn(page, email, password);
  await page.waitForURL(`**${ROADMAP}`);
  await ready(page);
  return page;
}

/** The graph is drawn and the progress known (statuses are drawn only then). */
async function ready(page: Page): Promise<void> {
  await page.locator('.node[class*="node--st-"]').first().waitFor();
}

const node = (page: Page, id: string) => page.locator(`.node[data-topic-id="${id}"]`);
/** Opens a topic's panel the way a keyboard user does (a click needs the node in view). */
async function openTopic(page: Page, id: string): Promise<void> {
  await node(page, id).focus();
  await page.keyboard.press('Enter');
  await page.locator('.topic-status').waitFor();
}
const statusOf = async (page: Page, id: string): Promise<string | undefined> =>
  /node--st-(\w+)/.exec((await node(page, id).getAttribute('class')) ?? '')?.[1];
const totalBar = (page: Page) => page.getByRole('progressbar', { name: 'Roadmap complete' });
const sectionBar = (page: Page, sectionId: string) =>
  page.getByRole('progressbar', {
    name: `${view.sections.find((s) => s.id === sectionId)!.title} complete`,
  });
const statusButton = (page: Page, label: string) =>
  page.getByRole('group', { name: 'Your progress' }).getByRole('button', { name: label });
const sectionOf = (id: string) => view.topics.find((t) => t.id === id)!.sectionId;
const announced = (page: Page) => page.locator('.progress-summary [aria-live="polite"]');

/** `id` is the one topic marked new since the last visit, on the graph and in its panel. */
async function expectOnlyNew(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.node-new').waitFor();
  expect(await page.locator('.node-new').count()).toBe(1);
  expect(await node(page, id).getAttribute('aria-label')).toMatch(/new since your last visit/);
  await openTopic(page, id);
  await page.locator('.topic-status').getByText('New since your last visit').waitFor();
}

async function openSections(page: Page): Promise<void> {
  const details = page.locator('.progress-sections');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

describe('progress on the roadmap page', () => {
  beforeAll(async () => {
    view = (await (await fetch(`${suite.url}/api/v1/roadmaps/${SLUG}`)).json()) as View;
    topicCount = view.topics.length;
  });

  it(
    'marks topics with the panel and with shortcuts, and the section and total bars move',
    async () => {
      const page = await signedInRoadmap();
      const [a, b, c, d] = view.sections[1]!.topicIds;
      const section = sectionOf(a!);
      const before = Number(await totalBar(page).getAttribute('aria-valuenow'));
      expect(before).toBe(0);
      await openSections(page);
      expect(await sectionBar(page, section).getAttribute('aria-valuetext')).toMatch(/^0 of /);

      // By click: open the topic, press "Done" in the panel.
      await openTopic(page, a!);
      await statusButton(page, 'Done').click();
      await expect.poll(() => statusOf(page, a!)).toBe('done');
      expect(await statusButton(page, 'Done').getAttribute('aria-pressed')).toBe('true');
      await expect
        .poll(() => totalBar(page).getAttribute('aria-valuetext'))
        .toMatch(new RegExp(`^1 of ${topicCount} topics complete`));
      expect(await announced(page).textContent()).toMatch(/: done\..* 1 of \d+ complete/);

      // By keyboard on the open topic: R (review counts as complete too).
      await page.keyboard.press('r');
      await expect.poll(() => statusOf(page, a!)).toBe('review');
      expect(await statusButton(page, 'Review').getAttribute('aria-pressed')).toBe('true');

      // By keyboard on focused nodes, with the panel closed.
      await page.keyboard.press('Escape');
      await node(page, b!).focus();
      await page.keyboard.press('s');
      await node(page, c!).focus();
      await page.keyboard.press('l');
      await node(page, d!).focus();
      await page.keyboard.press('d');
      await expect.poll(() => statusOf(page, d!)).toBe('done');
      expect(await statusOf(page, b!)).toBe('skipped');
      expect(await statusOf(page, c!)).toBe('learning');
      await expect
        .poll(() => totalBar(page).getAttribute('aria-valuetext'))
        .toMatch(new RegExp(`^3 of ${topicCount} topics complete`));
      await openSections(page);
      const sectionTopics = view.sections[1]!.topicIds.length;
      expect(await sectionBar(page, section).getAttribute('aria-valuetext')).toBe(
        `3 of ${sectionTopics} topics complete (${Math.floor(300 / sectionTopics)}%)`,
      );
      expect(await sectionBar(page, section).getAttribute('aria-valuenow')).toBe(
        String(Math.floor(300 / sectionTopics)),
      );
      await shot(page, 'progress-sections');

      // N puts a topic back; shortcuts with a modifier do nothing.
      await node(page, d!).focus();
      await page.keyboard.press('n');
      await expect.poll(() => statusOf(page, d!)).toBe('not_started');
      await page.keyboard.press('Shift+D');
      await page.keyboard.press('Alt+d');
      expect(await statusOf(page, d!)).toBe('not_started');

      // Typing in the search dialog is not a shortcut.
      await node(page, c!).focus();
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog').getByRole('combobox').waitFor();
      await page.keyboard.type('dsr');
      await page.keyboard.press('Escape');
      expect(await statusOf(page, c!)).toBe('learning');

      // The topic's history, newest first.
      await openTopic(page, a!);
      await page.locator('.status-history > summary').click();
      const items = page.locator('.status-history-list li');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.first().textContent()).toMatch(/Review\s*from done.*on the web/);
      await shot(page, 'progress-panel');

      // A reload shows the same, from the account.
      await page.reload();
      await ready(page);
      expect(await statusOf(page, a!)).toBe('review');
      expect(await statusOf(page, b!)).toBe('skipped');
      expect(await statusOf(page, c!)).toBe('learning');
      expect(await statusOf(page, d!)).toBe('not_started');
      expect(await totalBar(page).getAttribute('aria-valuenow')).toBe(
        String(Math.floor(200 / topicCount)),
      );
    },
    TIMEOUT,
  );

  it(
    'rolls a change back and says so when the server refuses it',
    async () => {
      const page = await signedInRoadmap();
      const topic = view.sections[2]!.topicIds[0]!;
      const before = (await statusOf(page, topic))!;
      const letThrough = await refuseStatusChanges(page);
      await node(page, topic).focus();
      await page.keyboard.press(before === 'done' ? 'l' : 'd');
      const alert = page.locator('.progress-alert[role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/could not be marked .*The server is busy/);
      expect(await statusOf(page, topic)).toBe(before);
      await shot(page, 'progress-rollback');
      await letThrough();
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await alert.waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );

  it(
    'keeps progress in the browser without an account, and in the account after signing up',
    async () => {
      const page = await open(ROADMAP);
      await ready(page);
      const [a, b] = view.sections[3]!.topicIds;
      await page.locator('.progress-where').waitFor();

      await openTopic(page, a!);
      await statusButton(page, 'Learning').click();
      await statusButton(page, 'Done').click();
      await page.keyboard.press('Escape');
      await node(page, b!).focus();
      await page.keyboard.press('s');
      await expect
        .poll(() => totalBar(page).getAttribute('aria-valuetext'))
        .toMatch(new RegExp(`^2 of ${topicCount}`));

      // Kept through a reload, with its history.
      await page.reload();
      await ready(page);
      expect(await statusOf(page, a!)).toBe('done');
      expect(await statusOf(page, b!)).toBe('skipped');
      await openTopic(page, a!);
      await page.locator('.status-history > summary').click();
      await expect.poll(() => page.locator('.status-history-list li').count()).toBe(2);
      expect(await page.locator('.status-history-list').textContent()).toMatch(/in this browser/);
      await shot(page, 'progress-anonymous');

      // Sign up, verify, sign in: the progress is in the account, and no longer in the browser.
      const email = uniqueEmail('visitor');
      const password = newPassword();
      await page.goto(`${suite.url}/signup`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
      await page.goto(suite.url + (await mailedLink(email)));
      await expect.poll(() => page.locator('h1').textContent()).toBe('Email verified');
      await page.goto(`${suite.url}/signin?returnTo=${encodeURIComponent(ROADMAP)}`);
      await fillSignIn(page, email, password);
      await page.waitForURL(`**${ROADMAP}`);
      await ready(page);
      await page.getByText('Your progress from this browser is now in your account.').waitFor();
      expect(await statusOf(page, a!)).toBe('done');
      expect(await statusOf(page, b!)).toBe('skipped');
      expect(
        await inPage<number>(
          page,
          `Object.keys(localStorage).filter((k) => k.startsWith('waymark:progress:')).length`,
        ),
      ).toBe(0);
      await shot(page, 'progress-merged');

      // A reload reads it from the account, with both changes in the topic's history.
      await page.reload();
      await ready(page);
      expect(await statusOf(page, a!)).toBe('done');
      expect(await statusOf(page, b!)).toBe('skipped');
      expect(await page.locator('.progress-where').count()).toBe(0);
      await openTopic(page, a!);
      await page.locator('.status-history > summary').click();
      await expect.poll(() => page.locator('.status-history-list li').count()).toBe(2);
      expect(await page.locator('.status-history-list').textContent()).toMatch(/on the web/);
    },
    TIMEOUT,
  );

  it(
    'marks the topics the server reports as new since the last visit',
    async () => {
      const page = await signedInRoadmap();
      const fresh = view.sections[4]!.topicIds[0]!;
      // The server's side is tested in test/integration/roadmap-visits.test.ts.
      await page.route('**/api/v1/me/roadmaps/*/visits', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            roadmapSlug: SLUG,
            previousVisitAt: new Date(Date.now() - 86_400_000).toISOString(),
            newTopicIds: [fresh],
          }),
        }),
      );
      await page.reload();
      await ready(page);
      await expectOnlyNew(page, fresh);
      await shot(page, 'progress-new-topic');
    },
    TIMEOUT,
  );

  it(
    'marks topics new since the last visit without an account, from what this browser saw',
    async () => {
      const page = await open(ROADMAP);
      await ready(page);
      // The first visit marks nothing; it is remembered with the topics the roadmap had.
      expect(await page.locator('.node-new').count()).toBe(0);
      const fresh = view.sections[3]!.topicIds[0]!;
      // As if the previous visit had come before this topic was added to the roadmap.
      // (A string, run in the page: the tests' TypeScript has no DOM types.)
      await page.evaluate(`{
        const key = 'waymark:visit:v1:${SLUG}';
        const seen = JSON.parse(localStorage.getItem(key)).topicIds;
        localStorage.setItem(key, JSON.stringify({ topicIds: seen.filter((t) => t !== ${JSON.stringify(fresh)}) }));
      }`);
      await page.reload();
      await ready(page);
      await expectOnlyNew(page, fresh);
      // That visit is remembered too: on the next, nothing is new any more.
      await page.reload();
      await ready(page);
      await node(page, fresh).waitFor();
      expect(await page.locator('.node-new').count()).toBe(0);
    },
    TIMEOUT,
  );

  for (const scheme of ['light', 'dark'] as const) {
    it(
      `passes an axe-core scan with statuses shown (${scheme})`,
      async () => {
        const page = await signedInRoadmap();
        await page.emulateMedia({ colorScheme: scheme });
        const topic = view.sections[0]!.topicIds[0]!;
        await openTopic(page, topic);
        for (const label of ['Learning', 'Done', 'Review', 'Skipped']) {
          await statusButton(page, label).click();
          await expect.poll(() => statusOf(page, topic)).toBe(label.toLowerCase());
        }
        await page.locator('.status-history > summary').click();
        await page.locator('.status-history-list li').first().waitFor();
        await openSections(page);
        expect(await axeScan(page)).toEqual([]);
        await shot(page, `progress-axe-${scheme}`);
      },
      TIMEOUT,
    );
  }

  it('logged no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
