/**
 * What every browser test file needs: a Waymark to test (in-process, or WAYMARK_URL), Debian's
 * Chromium (never a downloaded browser), a fresh context per page, the pages' script errors and
 * CSP violations, screenshots and axe-core scans.
 *
 * The in-process server serves dist/web, so run `vite build --config web/vite.config.ts` first.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

const SHOTS = resolve(process.cwd(), 'test-results/screenshots');

interface RunningServer {
  url: string;
  close(): Promise<void>;
}

async function start(): Promise<RunningServer> {
  const external = process.env.WAYMARK_URL;
  if (external) return { url: external.replace(/\/+$/, ''), close: async () => {} };
  const { startServer } = await import('./server.js');
  // Each context sends its own X-Forwarded-For (see open below); only this machine is trusted
  // to set it, so the server still sees anyone else's real address.
  return startServer({ trustProxy: ['127.0.0.1'] });
}

export interface BrowserSuiteOptions {
  /**
   * HTTP statuses the pages are expected to meet; Chromium logs each failed fetch as a console
   * error, and those are not problems. 404 by default.
   */
  expectedStatuses?: number[];
}

export interface BrowserSuite {
  /** The server's origin, without a trailing slash. */
  readonly url: string;
  /** A page at `path` in a context of its own, closed when the test ends. */
  open: (path: string, options?: BrowserContextOptions) => Promise<Page>;
  /** Script errors and CSP violations seen by any page of the file so far. */
  readonly problems: readonly string[];
  /** A screenshot of the viewport; pass `at` to scroll something into view first. */
  screenshot: (page: Page, name: string, at?: Locator) => Promise<void>;
}

/** Starts the server and the browser before the file's tests, and stops them after. */
export function startBrowserSuite({
  expectedStatuses = [404],
}: BrowserSuiteOptions = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const expectedFailure = new RegExp(`status of (${expectedStatuses.join('|')})`);
  let contextsOpened = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await start();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Each test's pages are closed when it ends, so idle pages do not slow the next one.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  const started = (): { server: RunningServer; browser: Browser } => {
    if (!server || !browser) throw new Error('The browser suite starts in beforeAll.');
    return { server, browser };
  };

  return {
    get url() {
      return started().server.url;
    },
    problems,
    open: async (path, options = {}) => {
      const { server, browser } = started();
      // Every page connects from 127.0.0.1, and the server limits sign-ins per address and
      // minute: each context claims an address of its own (TEST-NET-2, RFC 5737) so one test's
      // sign-ins never use up the next one's. Those pages are not loopback to the server, so
      // they cannot open /dev/mailbox; read mail from Node instead.
      const address = `198.51.100.${(contextsOpened++ % 254) + 1}`;
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        reducedMotion: 'reduce',
        ...options,
        extraHTTPHeaders: { 'x-forwarded-for': address, ...options.extraHTTPHeaders },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (e) => problems.push(`pageerror on ${path}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        if (expectedFailure.test(m.text())) return;
        problems.push(`console error on ${path}: ${m.text()}`);
      });
      await page.goto(server.url + path);
      return page;
    },
    screenshot: async (page, name, at) => {
      await at?.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${name}.png` });
    },
  };
}

/**
 * Runs an expression in the page. Written as strings so the tests need no DOM typings (the
 * project's tsconfig is for Node).
 */
export const inPage = <T>(page: Page, expression: string): Promise<T> =>
  page.evaluate<T>(expression);

/** How far the page is wider than the viewport; 0 or less means no horizontal scrolling. */
export const horizontalOverflow = (page: Page): Promise<number> =>
  inPage(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The serious and critical axe-core violations on the page as it is now, one line each. */
export async function axeScan(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await inPage<
    { id: string; impact: string | null; help: string; nodes: string[] }[]
  >(
    page,
    `axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact || null,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      })))`,
  );
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`);
}

/** Where the pages send a topic's new status. */
const STATUS_ROUTE = '**/api/v1/me/roadmaps/*/topics/*/status';

/**
 * Answers every status change `page` sends, in the server's place, with the 503 problem of a busy
 * server, so a test can watch the page roll the change back. Resolves to what lets the changes
 * reach the server again.
 */
export async function refuseStatusChanges(page: Page): Promise<() => Promise<void>> {
  await page.route(STATUS_ROUTE, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The server is busy; try again in a moment.',
      }),
    }),
  );
  return () => page.unroute(STATUS_ROUTE);
}
