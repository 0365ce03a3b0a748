/**
 * End-to-end tests of the Kanban board (/roadmaps/{slug}/board) in Debian's Chromium: a signed-in
 * learner drags a card and moves others by keyboard, and the server keeps each move; the
 * work-in-progress limit warns and is changed from the board; a refused move rolls back; a
 * signed-out visitor is invited to sign in; a 375 px phone; axe-core scans and screenshots.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (or the build at
 * WAYMARK_TEST_WEB_ROOT), with the dev mailbox at /dev/mailbox.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAccounts, fillSignIn } from '../helpers/browser-accounts.js';
import {
  axeScan,
  horizontalOverflow,
  inPage,
  refuseStatusChanges,
  startBrowserSuite,
} from '../helpers/browser.js';

const SLUG = 'senior-backend';
const BOARD = `/roadmaps/${SLUG}/board`;
const TIMEOUT = 60_000;

// Signed-out visitors get 401 from the API; the rollback test makes the server refuse (503).
const suite = startBrowserSuite({ expectedStatuses: [401, 404, 503] });
const { open, screenshot: shot, problems } = suite;

// ---------- accounts, made from Node ----------

const accounts = browserAccounts(suite);
/** A new verified account (the server limits sign-ups per minute: a few per file). */
const newLearner = () =>
  accounts.verifiedAccount({
    email: accounts.uniqueEmail('kanban'),
    password: accounts.newPassword('board'),
    displayName: 'Kim',
  });

/** Signs in through the sign-in page, which then goes to `returnTo`. */
async function signedInPage(
  returnTo: string,
  options: Parameters<typeof open>[1] = {},
): Promise<Page> {
  const { email, password } = await newLearner();
  const page = await open(`/signin?returnTo=${encodeURIComponent(returnTo)}`, options);
  await fillSignIn(page, email, password);
  await page.waitForURL(`**${returnTo}`);
  return page;
}

// ---------- the board ----------

const column = (page: Page, status: string) => page.locator(`section[data-status="${status}"]`);
const cardsIn = (page: Page, status: string) => column(page, status).locator('.board-card');
const card = (page: Page, id: string) => page.locator(`.board-card[data-topic-id="${id}"]`);
/** The column a card is in, or null when it is not on the board. */
const statusOf = (page: Page, id: string): Promise<string | null> =>
  inPage(
    page,
    `document.querySelector('.board-card[data-topic-id="${id}"]')
      ?.closest('section')?.getAttribute('data-status') ?? null`,
  );
const liveText = (page: Page): Promise<string> =>
  page.locator('[role="status"][aria-live="polite"]').last().innerText();
const focusedCard = (page: Page): Promise<string | null> =>
  inPage(page, `document.activeElement?.getAttribute('data-topic-id') ?? null`);

async function waitForBoard(page: Page): Promise<void> {
  await page.locator('.board-card').first().waitFor({ state: 'visible' });
}

/** The card ids of a column, in order. */
const idsIn = (page: Page, status: string): Promise<string[]> =>
  inPage(
    page,
    `[...document.querySelectorAll('section[data-status="${status}"] .board-card')]
      .map((e) => e.getAttribute('data-topic-id'))`,
  );

/** What the server has, asked with the page's own session. */
async function serverStatus(page: Page, topicId: string): Promise<string | undefined> {
  const progress = await inPage<{ topics: { topicId: string; status: string }[] }>(
    page,
    `fetch('/api/v1/me/roadmaps/${SLUG}/progress').then((r) => r.json())`,
  );
  return progress.topics.find((t) => t.topicId === topicId)?.status;
}

/** Drags with the mouse from the card's middle to the column's, in small steps. */
async function drag(page: Page, id: string, to: string): Promise<void> {
  const from = (await card(page, id).boundingBox())!;
  const target = (await column(page, to).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + 120, { steps: 12 });
  await page.mouse.up();
}

describe('Kanban board', () => {
  it(
    'a learner drags a card, moves others by keyboard, exceeds the WIP limit and changes it',
    async () => {
      const page = await signedInPage(`/roadmaps/${SLUG}`);
      await page.getByRole('link', { name: 'Board', exact: true }).click();
      await page.waitForURL(`**${BOARD}`);
      await waitForBoard(page);

      // Five columns with counts; every topic starts in "Not started".
      const headings = await page.locator('.board-column h2').allInnerTexts();
      expect(headings).toEqual(['Not started', 'Learning', 'Done', 'Review', 'Skipped']);
      const total = await page.locator('.board-card').count();
      expect(total).toBeGreaterThan(10);
      expect(await column(page, 'not_started').locator('.board-count').textContent()).toBe(
        `${total} topics`,
      );
      expect(await cardsIn(page, 'learning').count()).toBe(0);
      expect(await page.getByTestId('wip-badge').innerText()).toBe('0 of 3 limit');
      const [a, b, c, d, e] = await idsIn(page, 'not_started');

      // Drag and drop: the card shows in Learning at once, and the server has it.
      await drag(page, a!, 'learning');
      await expect.poll(() => statusOf(page, a!)).toBe('learning');
      await expect.poll(() => serverStatus(page, a!)).toBe('learning');
      expect(page.url()).toMatch(/\/board$/); // the drop was not taken for a click
      await expect.poll(() => liveText(page)).toMatch(/moved to Learning/);

      // Keyboard: Space picks up, the arrow chooses the column, Space drops; focus stays.
      await card(page, b!).focus();
      await page.keyboard.press(' ');
      await expect.poll(() => liveText(page)).toMatch(/Picked up/);
      expect(await card(page, b!).getAttribute('class')).toMatch(/board-card--grabbed/);
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => column(page, 'learning').getAttribute('class'))
        .toMatch(/board-column--target/);
      await expect.poll(() => liveText(page)).toMatch(/Learning, column 2 of 5/);
      await shot(page, 'kanban-keyboard-pick-up');
      await page.keyboard.press(' ');
      await expect.poll(() => statusOf(page, b!)).toBe('learning');
      await expect.poll(() => focusedCard(page)).toBe(b);
      await expect.poll(() => serverStatus(page, b!)).toBe('learning');

      // Escape cancels a move.
      await card(page, c!).focus();
      await page.keyboard.press(' ');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Escape');
      await expect.poll(() => liveText(page)).toMatch(/Move cancelled/);
      expect(await statusOf(page, c!)).toBe('not_started');
      expect(await serverStatus(page, c!)).toBe('not_started');

      // The roadmap page's shortcut L: three, then four learning, over the limit of 3.
      await page.keyboard.press('l');
      await expect.poll(() => statusOf(page, c!)).toBe('learning');
      await expect.poll(() => page.getByTestId('wip-warning').count()).toBe(0);
      await card(page, d!).focus();
      await page.keyboard.press('L');
      const warning = page.getByTestId('wip-warning');
      await expect.poll(() => warning.isVisible()).toBe(true);
      expect(await warning.innerText()).toMatch(/learning 4 topics, over your limit of 3/);
      expect(await column(page, 'learning').getAttribute('class')).toMatch(/board-column--over/);
      await expect.poll(() => liveText(page)).toMatch(/over your limit of 3/);
      await expect.poll(() => serverStatus(page, d!)).toBe('learning');
      await shot(page, 'kanban-desktop-over-limit');
      expect(await axeScan(page)).toEqual([]);

      // D moves straight to Done.
      await card(page, e!).focus();
      await page.keyboard.press('d');
      await expect.poll(() => statusOf(page, e!)).toBe('done');
      await expect.poll(() => serverStatus(page, e!)).toBe('done');

      // Raise the limit from the board: the warning goes, and the server keeps it.
      await page.getByLabel('Learning limit').fill('5');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByTestId('wip-badge').innerText()).toBe('4 of 5 limit');
      expect(await warning.count()).toBe(0);
      await expect.poll(() => liveText(page)).toMatch(/Learning limit set to 5/);
      const settings = await inPage<{ wipLimit: number }>(
        page,
        `fetch('/api/v1/me/learning-settings').then((r) => r.json())`,
      );
      expect(settings.wipLimit).toBe(5);

      // A limit out of range is refused on the spot and nothing is sent.
      await page.getByLabel('Learning limit').fill('0');
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await page.getByRole('alert').innerText()).toMatch(/from 1 to 100/);

      // After a reload the board shows what the server has.
      await page.reload();
      await waitForBoard(page);
      expect(await idsIn(page, 'learning')).toEqual([a, b, c, d]);
      expect(await idsIn(page, 'done')).toEqual([e]);
      expect(await page.getByLabel('Learning limit').inputValue()).toBe('5');

      // The section filter keeps one section's cards, with their counts.
      const section = await page.locator('#board-section option').nth(2).getAttribute('value');
      await page.getByLabel('Section').selectOption(section ?? '');
      const sectionTitle = await page.locator('#board-section option:checked').innerText();
      const shown = await page.locator('.board-card-section').allInnerTexts();
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(total);
      expect(new Set(shown)).toEqual(new Set([sectionTitle]));
      await shot(page, 'kanban-desktop-filtered');

      // Enter opens the topic on the roadmap page; back returns to the board.
      await page.getByLabel('Section').selectOption('');
      await card(page, a!).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/roadmaps/${SLUG}/${a}`);
      await page.goBack();
      await page.goBack();
      await page.waitForURL(`**${BOARD}`);
      await waitForBoard(page);
      await page.getByRole('link', { name: 'Back to the roadmap' }).click();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
    },
    TIMEOUT * 2,
  );

  it(
    'rolls a move back when the server refuses it, and says so',
    async () => {
      const page = await signedInPage(BOARD);
      await waitForBoard(page);
      const [id] = await idsIn(page, 'not_started');
      const letThrough = await refuseStatusChanges(page);
      await drag(page, id!, 'done');
      await expect.poll(() => page.getByTestId('move-error').count()).toBe(1);
      expect(await page.getByTestId('move-error').innerText()).toMatch(
        /Could not move .* to Done: The server is busy/,
      );
      await expect.poll(() => statusOf(page, id!)).toBe('not_started');
      await expect.poll(() => liveText(page)).toMatch(/Could not move/);
      await letThrough();
      expect(await serverStatus(page, id!)).toBe('not_started');
      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.getByTestId('move-error').count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'shows a visitor the board of this browser, kept in their account once they sign in',
    async () => {
      const { email, password } = await newLearner();
      const page = await open(BOARD);
      await waitForBoard(page);
      const notice = page.locator('.board-notice--info');
      expect(await notice.innerText()).toMatch(/kept in this browser/);
      const [id] = await idsIn(page, 'not_started');
      await card(page, id!).focus();
      await page.keyboard.press('r');
      await expect.poll(() => statusOf(page, id!)).toBe('review');
      await shot(page, 'kanban-visitor');
      expect(await axeScan(page)).toEqual([]);

      // Still there after a reload: it is in this browser.
      await page.reload();
      await waitForBoard(page);
      expect(await statusOf(page, id!)).toBe('review');

      // Signing in from the notice comes back to the board with the progress in the account.
      await notice.getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(`**/signin?returnTo=${encodeURIComponent(BOARD)}`);
      await fillSignIn(page, email, password);
      await page.waitForURL(`**${BOARD}`);
      await waitForBoard(page);
      await expect.poll(() => page.locator('.board-notice--success').count()).toBe(1);
      expect(await page.locator('.board-notice--success').innerText()).toMatch(
        /added to your account/,
      );
      expect(await statusOf(page, id!)).toBe('review');
      await expect.poll(() => serverStatus(page, id!)).toBe('review');
      expect(await notice.count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'works on a 375 px phone: the board scrolls sideways and cards still move',
    async () => {
      const page = await signedInPage(BOARD, { viewport: { width: 375, height: 740 } });
      await waitForBoard(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // The columns scroll inside the board, not the page.
      expect(
        await inPage(
          page,
          `(({ scrollWidth, clientWidth }) => scrollWidth > clientWidth + 100)(
          document.querySelector('.board'))`,
        ),
      ).toBe(true);
      const first = (await column(page, 'not_started').boundingBox())!;
      expect(first.x).toBeGreaterThanOrEqual(0);
      expect(first.x + first.width).toBeLessThanOrEqual(375);
      await shot(page, 'kanban-phone');

      // A card moves by drag to the column peeking in at the right.
      const [a, b] = await idsIn(page, 'not_started');
      await drag(page, a!, 'learning');
      await expect.poll(() => statusOf(page, a!)).toBe('learning');
      await expect.poll(() => serverStatus(page, a!)).toBe('learning');

      // By keyboard, the board scrolls the chosen column into view.
      await card(page, b!).focus();
      await page.keyboard.press(' ');
      for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
      await expect
        .poll(async () => {
          const box = (await column(page, 'done').boundingBox())!;
          return box.x >= 0 && box.x + box.width <= 375;
        })
        .toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => statusOf(page, b!)).toBe('done');
      await expect.poll(() => serverStatus(page, b!)).toBe('done');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'kanban-phone-done');
      expect(await axeScan(page)).toEqual([]);
      await page.getByRole('button', { name: 'Dark theme' }).click();
      expect(await axeScan(page)).toEqual([]);
      await shot(page, 'kanban-phone-dark');
    },
    TIMEOUT,
  );

  it('has had no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
