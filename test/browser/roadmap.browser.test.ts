/**
 * End-to-end tests of the web UI in Debian's Chromium: the home page, the roadmap graph, topics
 * by mouse, keyboard and search, themes, phones and axe-core scans.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (so run
 * `vite build --config web/vite.config.ts` first). Set WAYMARK_URL to test an already running
 * server instead (e.g. `npx tsx src/cli.ts serve`, or the fixture preview:
 * `WAYMARK_FIXTURES=1 npx vite preview --config web/vite.config.ts`).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeScan, horizontalOverflow, inPage, startBrowserSuite } from '../helpers/browser.js';

const SLUG = 'senior-backend';
const TOPIC = 'dns';
const TIMEOUT = 30_000;

// Only the expected 404s (unknown roadmaps and topics) may fail; see the last test.
const suite = startBrowserSuite();
const { open, screenshot: shot, problems } = suite;

const focusedTopic = (page: Page): Promise<string | null> =>
  inPage(page, `document.activeElement?.getAttribute('data-topic-id') ?? null`);
const isOpen = async (details: Locator): Promise<boolean> =>
  (await details.getAttribute('open')) !== null;

async function waitForGraph(page: Page): Promise<void> {
  await page.locator('.node').first().waitFor({ state: 'visible' });
}

const panel = (page: Page) =>
  page.getByRole('dialog', { name: /./ }).filter({ has: page.locator('#panel-title') });
const node = (page: Page, id: string) => page.locator(`.node[data-topic-id="${id}"]`);

async function expectPanelWithBody(page: Page, title: RegExp): Promise<void> {
  const p = panel(page);
  await expect.poll(() => p.isVisible()).toBe(true);
  await expect.poll(() => p.locator('#panel-title').textContent()).toMatch(title);
  await p.locator('.prose').waitFor({ state: 'visible' });
}

describe('web UI', () => {
  it(
    'lists roadmaps on the home page',
    async () => {
      const page = await open('/');
      const card = page.locator('.card').first();
      await card.waitFor();
      expect(await card.locator('.card-title').textContent()).toMatch(/\w/);
      expect(await card.locator('.card-stats').textContent()).toMatch(/topics?/);
      await shot(page, 'home-desktop');
      await card.locator('.card-link').click();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      await waitForGraph(page);
    },
    TIMEOUT,
  );

  it(
    'draws the roadmap graph: sections, topics and prerequisite edges',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      expect(await page.locator('h1').textContent()).toMatch(/\w/);
      expect(await page.locator('.section').count()).toBeGreaterThan(1);
      const nodes = await page.locator('.node').count();
      expect(nodes).toBeGreaterThan(5);
      expect(await page.locator('path.edge').count()).toBeGreaterThan(3);
      expect(await page.locator('path.edge').first().getAttribute('marker-end')).toMatch(
        /url\(#wm-arrow/,
      );
      // Every topic is a named button.
      const labels = await inPage<(string | null)[][]>(
        page,
        `[...document.querySelectorAll('.node')].map((e) =>
          [e.getAttribute('role'), e.getAttribute('aria-label'), e.getAttribute('tabindex')])`,
      );
      for (const [role, label, tabindex] of labels) {
        expect(role).toBe('button');
        expect(label).toMatch(/\w/);
        expect(tabindex).toBe('0');
      }
      // The graph is fitted to the canvas width initially.
      const [graphBox, layerBox] = await Promise.all([
        page.locator('.graph').boundingBox(),
        page.locator('.graph-layer').boundingBox(),
      ]);
      expect(layerBox!.width).toBeLessThanOrEqual(graphBox!.width + 1);
      await shot(page, 'roadmap-desktop-light');

      // Zoom buttons change the scale; fit restores it.
      const level = page.locator('.zoom-level');
      const before = await level.textContent();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await expect.poll(() => level.textContent()).not.toBe(before);
      await page.getByRole('button', { name: 'Fit to screen' }).click();
      await expect.poll(() => level.textContent()).toBe(before);

      // The wheel zooms; dragging the canvas pans.
      const canvas = (await page.locator('.graph').boundingBox())!;
      await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      await page.mouse.wheel(0, -400);
      await expect.poll(() => level.textContent()).not.toBe(before);
      const transform = (): Promise<string | null> =>
        page.locator('.graph-layer').getAttribute('style');
      const start = await transform();
      await page.mouse.move(canvas.x + 40, canvas.y + canvas.height - 120);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 140, canvas.y + canvas.height - 220, { steps: 4 });
      await page.mouse.up();
      await expect.poll(transform).not.toBe(start);
    },
    TIMEOUT,
  );

  it(
    'opens a topic by click: body, concepts, resources, collapsed questions; Escape closes it',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      await node(page, TOPIC).click();
      await page.waitForURL(`**/roadmaps/${SLUG}/${TOPIC}`);
      await expectPanelWithBody(page, /DNS/);
      const p = panel(page);
      expect((await p.locator('.prose').textContent())!.length).toBeGreaterThan(200);
      expect(await p.locator('.concepts li').count()).toBeGreaterThan(0);
      expect(await p.locator('.resource').count()).toBeGreaterThan(0);
      expect(await p.locator('.type-tag').first().textContent()).toMatch(
        /Official|Article|Video|Book|Course/,
      );
      const questions = p.locator('details.question');
      expect(await questions.count()).toBeGreaterThan(0);
      expect(await p.locator('details.question[open]').count()).toBe(0);
      expect(await p.locator('.exercise').textContent()).toMatch(/Done when/);
      expect(await p.locator('.topic-link').count()).toBeGreaterThan(0);
      await shot(page, 'topic-panel-desktop');
      // Expand one answer.
      await questions.first().locator('summary').click();
      expect(await isOpen(questions.first())).toBe(true);
      await shot(page, 'topic-panel-question-open');

      await page.keyboard.press('Escape');
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      await expect.poll(() => p.count()).toBe(0);
      await expect.poll(() => focusedTopic(page)).toBe(TOPIC);

      // The back button closes the panel too.
      await node(page, TOPIC).click();
      await page.waitForURL(`**/roadmaps/${SLUG}/${TOPIC}`);
      await page.goBack();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      await expect.poll(() => panel(page).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'keeps the topic focused by keyboard clear of the legend and the zoom buttons',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      await page.locator('.graph').focus();
      await page.keyboard.press('Tab');
      // Walking down the graph reveals each node at the canvas's bottom edge, where the
      // legend and the zoom buttons are drawn over it.
      const hidden = `(() => {
        const n = document.activeElement.getBoundingClientRect();
        const canvas = document.querySelector('.graph').getBoundingClientRect();
        const overlays = [...document.querySelectorAll('.legend, .zoom-controls')];
        return n.bottom > canvas.bottom || overlays.some((o) => {
          const r = o.getBoundingClientRect();
          return n.left < r.right && n.right > r.left && n.top < r.bottom && n.bottom > r.top;
        });
      })()`;
      for (let i = 0; i < 8; i++) {
        const before = await focusedTopic(page);
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => focusedTopic(page)).not.toBe(before);
        await expect.poll(() => inPage<boolean>(page, hidden)).toBe(false);
      }
      await shot(page, 'keyboard-walk-down');
    },
    TIMEOUT,
  );

  it(
    'opens a topic by keyboard: Tab to a node, arrows move between nodes, Enter opens',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      await page.locator('.graph').focus();
      await page.keyboard.press('Tab');
      const first = await focusedTopic(page);
      expect(first).toBeTruthy();
      // Visible focus ring on the focused node.
      const ring = await inPage<string>(
        page,
        `getComputedStyle(document.activeElement.querySelector('.node-ring')).stroke`,
      );
      expect(ring).not.toMatch(/^(none|transparent|rgba\(0, 0, 0, 0\))$/);
      await shot(page, 'keyboard-focus');

      await page.keyboard.press('ArrowDown');
      const second = await focusedTopic(page);
      expect(second).toBeTruthy();
      expect(second).not.toBe(first);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focused = await focusedTopic(page);
      expect(focused).toBe(second);

      const name = await inPage<string>(page, `document.activeElement.getAttribute('aria-label')`);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/roadmaps/${SLUG}/${focused}`);
      await expectPanelWithBody(
        page,
        new RegExp(name.split(',')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );
      await page.getByRole('button', { name: 'Close topic' }).click();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      await expect.poll(() => focusedTopic(page)).toBe(focused);
      // Space opens as well.
      await page.keyboard.press(' ');
      await page.waitForURL(`**/roadmaps/${SLUG}/${focused}`);
    },
    TIMEOUT,
  );

  it(
    'reloads a deep link with the panel open',
    async () => {
      const page = await open(`/roadmaps/${SLUG}/${TOPIC}`);
      await expectPanelWithBody(page, /DNS/);
      await page.reload();
      await expectPanelWithBody(page, /DNS/);
      expect(await node(page, TOPIC).getAttribute('class')).toMatch(/node--selected/);
      // Back from a deep link lands on the roadmap, not outside the app.
      await page.goBack();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      await expect.poll(() => panel(page).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'searches with Ctrl-K and opens a result',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      await page.keyboard.press('Control+k');
      const dialog = page.locator('dialog.search-dialog');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await page.keyboard.type('TTL');
      await expect.poll(() => dialog.locator('[role=option]').count()).toBeGreaterThan(0);
      expect(await dialog.locator('[role=option]').first().textContent()).toMatch(/DNS/);
      await shot(page, 'search');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);

      // The visible button opens it too; arrows + Enter pick a result.
      await page.getByRole('button', { name: 'Search topics' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await page.keyboard.type('domain name');
      await expect.poll(() => dialog.locator('[role=option]').count()).toBeGreaterThan(0);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await dialog.locator('[aria-selected=true]').textContent()).toMatch(/DNS/);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/roadmaps/${SLUG}/${TOPIC}`);
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expectPanelWithBody(page, /DNS/);
    },
    TIMEOUT,
  );

  it(
    'switches to the dark theme and keeps it over a reload',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`, { colorScheme: 'light' });
      await waitForGraph(page);
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      await page.locator('[data-theme-option=dark]').click();
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      const bodyBg = `getComputedStyle(document.body).backgroundColor`;
      const bg = await inPage<string>(page, bodyBg);
      await page.reload({ waitUntil: 'domcontentloaded' });
      // Applied by theme-init.js before the app's script runs (no flash of the light theme).
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      await waitForGraph(page);
      expect(await inPage<string>(page, bodyBg)).toBe(bg);
      expect(await inPage<string>(page, `localStorage.getItem('waymark-theme')`)).toBe('dark');
      expect(await page.locator('[data-theme-option=dark]').getAttribute('aria-pressed')).toBe(
        'true',
      );
      await shot(page, 'roadmap-desktop-dark');
      await node(page, TOPIC).click();
      await expectPanelWithBody(page, /DNS/);
      await shot(page, 'topic-panel-dark');

      // "System" follows prefers-color-scheme.
      await page.locator('[data-theme-option=system]').click();
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('light');
    },
    TIMEOUT,
  );

  it(
    'works on a 375 px phone: no horizontal overflow, the panel is usable',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`, {
        viewport: { width: 375, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      await waitForGraph(page);
      const overflow = (): Promise<number> => horizontalOverflow(page);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, 'roadmap-phone');

      // Pinch with two fingers zooms the canvas, not the page.
      const level = page.locator('.zoom-level');
      const before = await level.textContent();
      // The first view on a phone keeps labels legible rather than fitting the whole width.
      expect(before).toBe('50%');
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: string, points: [number, number][]): Promise<unknown> =>
        cdp.send('Input.dispatchTouchEvent', {
          type: type as 'touchStart',
          touchPoints: points.map(([x, y], id) => ({ x, y, id })),
        });
      await touch('touchStart', [
        [150, 520],
        [220, 520],
      ]);
      for (let i = 1; i <= 5; i++) {
        await touch('touchMove', [
          [150 - i * 15, 520],
          [220 + i * 15, 520],
        ]);
      }
      await touch('touchEnd', []);
      await expect.poll(() => level.textContent()).not.toBe(before);
      expect(await inPage<number>(page, 'visualViewport.scale')).toBe(1);
      // Fit shows the whole width, smaller than the legible first view.
      await page.getByRole('button', { name: 'Fit to screen' }).tap();
      await expect
        .poll(async () => parseInt((await level.textContent()) ?? '', 10))
        .toBeLessThan(50);
      await node(page, TOPIC).tap();
      await expectPanelWithBody(page, /DNS/);
      const box = await panel(page).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375.5);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, 'topic-panel-phone');
      // The panel scrolls and its questions expand.
      const q = panel(page).locator('details.question').first();
      await q.scrollIntoViewIfNeeded();
      await q.locator('summary').tap();
      expect(await isOpen(q)).toBe(true);
      await shot(page, 'topic-panel-phone-scrolled');
      await panel(page).getByRole('button', { name: 'Close topic' }).tap();
      await page.waitForURL(`**/roadmaps/${SLUG}`);
      expect(await overflow()).toBeLessThanOrEqual(0);
    },
    TIMEOUT,
  );

  it(
    'shows the home page on a 375 px phone without horizontal overflow',
    async () => {
      const home = await open('/', {
        viewport: { width: 375, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
      });
      await home.locator('.card').first().waitFor();
      expect(await horizontalOverflow(home)).toBeLessThanOrEqual(0);
      await shot(home, 'home-phone');
    },
    TIMEOUT,
  );

  it(
    'shows friendly not-found pages',
    async () => {
      const page = await open('/roadmaps/no-such-roadmap');
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/not found/i);
      expect(await page.locator('.state-detail').textContent()).toMatch(/\w/);
      await shot(page, 'not-found-roadmap');
      await page.goto(`${suite.url}/roadmaps/${SLUG}/no-such-topic`);
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/topic not found/i);
    },
    TIMEOUT,
  );

  for (const scheme of ['light', 'dark'] as const) {
    it(
      `passes an axe-core scan in the ${scheme} theme (no serious or critical violations), with and without the panel`,
      async () => {
        const page = await open(`/roadmaps/${SLUG}`, { colorScheme: scheme });
        await waitForGraph(page);
        expect(await page.getAttribute('html', 'data-theme')).toBe(scheme);
        expect(await axeScan(page)).toEqual([]);
        await node(page, TOPIC).click();
        await expectPanelWithBody(page, /DNS/);
        await panel(page).locator('details.question').first().locator('summary').click();
        expect(await axeScan(page)).toEqual([]);
      },
      TIMEOUT,
    );
  }

  it(
    'passes an axe-core scan of the search dialog',
    async () => {
      const page = await open(`/roadmaps/${SLUG}`);
      await waitForGraph(page);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('http');
      expect(await axeScan(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'passes an axe-core scan of the home page',
    async () => {
      const home = await open('/');
      await home.locator('.card').first().waitFor();
      expect(await axeScan(home)).toEqual([]);
    },
    TIMEOUT,
  );

  it('logged no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
