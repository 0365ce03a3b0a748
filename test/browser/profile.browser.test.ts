/**
 * The public profile in Debian's Chromium: a learner turns it on in the settings, opens
 * /u/{username} and sees their progress and the progress card (an image that loads, however
 * odd their display name), opens the card's SVG (its stylesheet allowed by its own policy, in
 * light and dark), and turns the profile off again. With axe-core scans.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or
 * WAYMARK_TEST_WEB_ROOT), with the dev mailbox at /dev/mailbox.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserSession } from '../helpers/accounts.js';
import { browserAccounts, fillSignIn, type Account } from '../helpers/browser-accounts.js';
import { axeScan, inPage, startBrowserSuite } from '../helpers/browser.js';

const TIMEOUT = 60_000;
const SLUG = 'senior-backend';

// Signed-out visitors get 401 from /auth/session; a private profile is a 404.
const suite = startBrowserSuite({ expectedStatuses: [401, 404] });
const { open, screenshot: shot, problems } = suite;

/** Markup characters in the name: the card must escape them to be an image at all. */
const DISPLAY_NAME = `Ada <&"> Lovelace`;

const accounts = browserAccounts(suite);

interface Learner extends Account {
  /** A username of its own, under 32 characters. */
  username: string;
  /** A session for changes made as the learner from Node. */
  session: BrowserSession;
}

let learners = 0;
/** A verified account with two topics done and one in progress, made through the API. */
async function learnerWithProgress(): Promise<Learner> {
  const n = ++learners;
  const account = await accounts.verifiedAccount({
    email: `ada.${accounts.run}.${n}@example.com`,
    displayName: DISPLAY_NAME,
  });
  const session = await accounts.sessionOf(account);
  const roadmap = (await (await fetch(`${suite.url}/api/v1/roadmaps/${SLUG}`)).json()) as {
    topics: { id: string }[];
  };
  for (const [i, status] of ['done', 'done', 'learning'].entries()) {
    const res = await accounts.call(
      'PUT',
      `/api/v1/me/roadmaps/${SLUG}/topics/${roadmap.topics[i]!.id}/status`,
      { status },
      { session },
    );
    expect(res.status).toBe(200);
  }
  return { ...account, username: `ada-${n}-${accounts.run}`, session };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await fillSignIn(page, email, password);
  await page.waitForURL(`${suite.url}/`);
}

const profileSection = (page: Page) => page.locator('section#profile');

/** Whether the page's card image loaded and decoded (an SVG that fails to parse does not). */
const cardLoaded = (page: Page): Promise<number> =>
  inPage(
    page,
    `(async () => {
      const img = document.querySelector('img.profile-card-image');
      if (!img) return -1;
      await img.decode().catch(() => {});
      return img.complete ? img.naturalWidth : 0;
    })()`,
  );

describe('public profile', () => {
  it(
    'is turned on in the settings, shows progress and a card that loads, and turns off again',
    async () => {
      const { email, password, username } = await learnerWithProgress();

      const page = await open('/signin');
      await signIn(page, email, password);
      await page.goto(`${suite.url}/settings#profile`);
      const section = profileSection(page);
      await section.getByLabel('Username').waitFor();
      // Off by default.
      expect(await section.getByLabel('Make my profile public').isChecked()).toBe(false);
      // Capitals are lowered as typed.
      await section.getByLabel('Username').fill(username.toUpperCase());
      expect(await section.getByLabel('Username').inputValue()).toBe(username);
      await section.getByLabel('Make my profile public').check();
      await section.getByRole('button', { name: 'Save profile' }).click();
      await section.getByText('Your profile is public.').waitFor();
      expect(await axeScan(page)).toEqual([]);
      await shot(page, 'profile-settings', section);

      await section.getByRole('link', { name: 'View your public profile' }).click();
      await page.waitForURL(`${suite.url}/u/${username}`);
      await page.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();
      const bar = page.getByRole('progressbar');
      const topics = Number(
        /of (\d+) topics/.exec((await page.locator('.profile-meta').textContent()) ?? '')![1],
      );
      const percent = Math.floor(200 / topics);
      expect(await bar.getAttribute('aria-valuenow')).toBe(String(percent));
      expect(await page.locator('.profile-percent').textContent()).toBe(`${percent}% complete`);
      expect(await page.locator('.profile-counts').textContent()).toContain('2 done');
      expect(await page.locator('.profile-counts').textContent()).toContain('1 learning');
      await expect.poll(() => cardLoaded(page)).toBe(480);
      const snippet = await page.locator('.profile-snippet-code').textContent();
      expect(snippet).toBe(
        `[![Waymark progress](${suite.url}/api/v1/users/${username}/card.svg)](${suite.url}/u/${username})`,
      );
      for (const scheme of ['light', 'dark'] as const) {
        await page.locator(`[data-theme-option=${scheme}]`).click();
        expect(await axeScan(page)).toEqual([]);
        await shot(page, `profile-page-${scheme}`);
      }

      // Off again: the same page now finds no profile.
      await page.goto(`${suite.url}/settings#profile`);
      await profileSection(page).getByLabel('Make my profile public').uncheck();
      await profileSection(page).getByRole('button', { name: 'Save profile' }).click();
      await profileSection(page)
        .getByText(/Your profile is private/)
        .waitFor();
      await page.goto(`${suite.url}/u/${username}`);
      await page.getByRole('heading', { level: 1, name: 'No public profile here' }).waitFor();
      expect(await axeScan(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'opens the card as an SVG document, its stylesheet allowed and applied in light and dark',
    async () => {
      const { username, session } = await learnerWithProgress();
      const on = await accounts.call(
        'PUT',
        '/api/v1/me/profile',
        { username, public: true },
        { session },
      );
      expect(on.status).toBe(200);
      const path = `/api/v1/users/${username}/card.svg?roadmap=${SLUG}`;
      const fills: Record<string, string> = {};
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await open(path, { colorScheme });
        expect(await inPage(page, 'document.contentType')).toBe('image/svg+xml');
        const title = page.locator('text.title');
        expect(await title.textContent()).toMatch(/\w/);
        expect(await page.locator('text.sub').textContent()).toBe(`${DISPLAY_NAME} · @${username}`);
        fills[colorScheme] = await inPage<string>(
          page,
          `getComputedStyle(document.querySelector('text.title')).fill`,
        );
        await shot(page, `profile-card-${colorScheme}`);
      }
      // The card's own colours, so its <style> ran under the response's policy.
      expect(fills).toEqual({ light: 'rgb(15, 23, 42)', dark: 'rgb(230, 237, 243)' });
    },
    TIMEOUT,
  );

  it('logged no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
