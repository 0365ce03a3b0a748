/**
 * End-to-end tests of the account pages in Debian's Chromium: the whole journey from sign-up to
 * a password reset with two-factor authentication, plus redirects, device approval, signing a
 * CLI out, the external sign-in's messages, small screens and axe-core scans.
 *
 * test/helpers/browser.ts starts an in-process Waymark serving dist/web (so run
 * `vite build --config web/vite.config.ts` first), with the dev mailbox at /dev/mailbox. Set
 * WAYMARK_URL to test an already running server instead (e.g. the fixture preview:
 * `WAYMARK_FIXTURES=1 npx vite preview --config web/vite.config.ts`).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/auth/totp.js';
import { browserAccounts, fillSignIn } from '../helpers/browser-accounts.js';
import { axeScan, horizontalOverflow, inPage, startBrowserSuite } from '../helpers/browser.js';

const TIMEOUT = 60_000;
/** The journey waits for up to two fresh 30-second TOTP steps. */
const JOURNEY_TIMEOUT = 240_000;

// The API's expected 4xx answers are not problems (signed-out visitors get 401 from
// /auth/session, wrong passwords 401, and so on).
const suite = startBrowserSuite({ expectedStatuses: [400, 401, 403, 404] });
const { open, screenshot: shot, problems } = suite;

const focusedName = (page: Page): Promise<string | null> =>
  inPage(page, `document.activeElement?.getAttribute('name') ?? null`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------- the server, from Node ----------

const accounts = browserAccounts(suite);
const { uniqueEmail, newPassword, post, mailedLink } = accounts;
/** A signed-up, verified account, made through the API. */
const verifiedAccount = (who: string) =>
  accounts.verifiedAccount({ email: uniqueEmail(who), displayName: who });

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The token endpoint, as `waymark login` calls it (form-encoded). */
async function tokenRequest(params: Record<string, string>): Promise<Response> {
  return fetch(`${suite.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}

interface DeviceGrant {
  device_code: string;
  user_code: string;
}

/** What `waymark login` starts with: a device code to poll with and a user code to show. */
async function startDeviceSignIn(scope?: string): Promise<DeviceGrant> {
  const res = await post('/api/v1/auth/device/code', {
    client_id: 'waymark-cli',
    ...(scope ? { scope } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DeviceGrant;
}

/** What `waymark login` does once the user approved: exchange the device code for tokens. */
async function finishDeviceSignIn(
  grant: DeviceGrant,
): Promise<{ token_type: string; refresh_token: string; scope: string }> {
  const res = await tokenRequest({
    grant_type: DEVICE_GRANT,
    device_code: grant.device_code,
    client_id: 'waymark-cli',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { token_type: string; refresh_token: string; scope: string };
}

const RESET_LINK = /\/reset-password\?token=[A-Za-z0-9_-]+/;

// The server limits sign-ups and sign-ins per address and minute. Each page has an address of
// its own, but accounts made from Node all come from 127.0.0.1 (and a server at WAYMARK_URL may
// not trust the pages' X-Forwarded-For): the tests other than the journey share one account.
let member: Promise<{ email: string; password: string }> | undefined;
const sharedAccount = (): Promise<{ email: string; password: string }> =>
  (member ??= verifiedAccount('member'));

// A TOTP code is accepted once: each sign-in with a code needs a step not used before.
let lastStep = -1;
async function freshCode(secret: string): Promise<string> {
  const step = (): number => Math.floor(Date.now() / 30_000);
  if (step() <= lastStep) await sleep((lastStep + 1) * 30_000 - Date.now() + 250);
  lastStep = step();
  return totpCodeAt(secret, Date.now());
}

// ---------- the pages ----------

const accountButton = (page: Page) => page.getByRole('button', { name: /^Account menu/ });
const headerSignIn = (page: Page) =>
  page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' });
const alert = (page: Page) => page.locator('.form-alert .alert--error');

async function signOut(page: Page): Promise<void> {
  await accountButton(page).click();
  await page
    .getByRole('navigation', { name: 'Account' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await headerSignIn(page).waitFor();
}

describe('account pages', () => {
  it(
    'sign up, verify, enrol two-factor authentication, sign in with it, reset the password with a code',
    async () => {
      const email = uniqueEmail('ada');
      const password = newPassword();
      const page = await open('/signup');

      // Sign up: local checks first, then the server's verdict on the password, per field.
      await expect.poll(() => page.locator('h1').textContent()).toBe('Create your account');
      await shot(page, 'signup');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => focusedName(page)).toBe('email');
      expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/Display name/).fill('Ada Lovelace');
      await page.getByLabel('Password', { exact: true }).fill('password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => focusedName(page)).toBe('password');
      expect(await page.locator('.field--invalid .field-error').textContent()).toMatch(/\w/);
      await shot(page, 'signup-weak-password');
      await page.getByLabel('Password', { exact: true }).fill(password);
      expect(await page.locator('.strength-label').textContent()).toMatch(/Strength/);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');

      // Signing in before verifying says so, and offers to send the link again.
      await page.goto(`${suite.url}/signin`);
      await fillSignIn(page, email, password);
      await alert(page).waitFor();
      await page.getByRole('button', { name: 'Send the verification link again' }).waitFor();

      // Verify with the mailed link.
      await page.goto(suite.url + (await mailedLink(email)));
      await expect.poll(() => page.locator('h1').textContent()).toBe('Email verified');
      await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
      await page.waitForURL('**/signin');

      // Sign in: home, with the user's name in the header.
      await fillSignIn(page, email, password);
      await page.waitForURL(`${suite.url}/`);
      await expect.poll(() => accountButton(page).textContent()).toMatch(/Ada Lovelace/);

      // Settings, from the account menu.
      await accountButton(page).click();
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL('**/settings');
      await page.locator('#two-factor').waitFor();
      await page.getByText('This device', { exact: true }).waitFor();
      await shot(page, 'settings');

      // Two-factor authentication: QR code as an image, the key by hand, a code to confirm.
      await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
      const qr = page.locator('img.qr');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      await expect
        .poll(() => inPage<number>(page, `document.querySelector('img.qr').naturalWidth`))
        .toBeGreaterThan(0);
      const secret = ((await page.locator('.mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await shot(page, 'mfa-enrol', page.locator('#two-factor'));
      await page.getByLabel('Enter the 6-digit code from the app').fill(await freshCode(secret));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const codes = page.locator('.recovery-codes li');
      await expect.poll(() => codes.count()).toBe(10);
      const recoveryCode = ((await codes.first().textContent()) ?? '').trim();
      expect(recoveryCode).toMatch(/^\w{5}-\w{5}$/);
      await page.getByRole('button', { name: 'Copy codes' }).waitFor();
      await page.getByRole('link', { name: 'Download codes' }).waitFor();
      await shot(page, 'mfa-recovery-codes', page.locator('#two-factor'));
      await page.getByRole('button', { name: 'I have saved my codes' }).click();
      await page.locator('#two-factor .chip--on').waitFor();

      // An API token: shown once, listed, revoked.
      await page.getByLabel('Name', { exact: true }).fill('CI script');
      await page.getByLabel(/progress:write/).check();
      await page.getByLabel('Expires after').selectOption('90');
      await page.getByRole('button', { name: 'Create token' }).click();
      expect(await page.locator('.token-value').textContent()).toMatch(/^wm_pat_/);
      await shot(page, 'api-token-created', page.locator('.new-token'));
      await page.getByRole('button', { name: 'Done' }).click();
      const tokenRow = page.locator('#tokens .item', { hasText: 'CI script' });
      await tokenRow.waitFor();
      expect(await tokenRow.textContent()).toMatch(/progress:write/);
      await tokenRow.getByRole('button', { name: /Revoke/ }).click();
      await tokenRow.getByRole('button', { name: 'Revoke', exact: true }).click();
      await page.getByText('You have no tokens.').waitFor();

      // The settings page on a phone.
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'settings-phone');
      await shot(page, 'settings-phone-sessions', page.locator('#sessions'));
      await page.setViewportSize({ width: 1280, height: 800 });

      // Sign out from the menu; signing in now asks for a code.
      await signOut(page);
      await page.goto(`${suite.url}/signin`);
      await fillSignIn(page, email, password);
      await page.getByLabel('Authentication code').waitFor();
      await expect.poll(() => focusedName(page)).toBe('code');
      await page.getByLabel('Authentication code').fill('000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      await alert(page).waitFor();
      await shot(page, 'signin-mfa-wrong-code');
      await page.getByLabel('Authentication code').fill(await freshCode(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(`${suite.url}/`);
      await accountButton(page).waitFor();
      await signOut(page);

      // Forgot password: the same answer for everyone, and a mailed link.
      await page.goto(`${suite.url}/forgot-password`);
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByText(/If an account exists for/).waitFor();
      await page.goto(suite.url + (await mailedLink(email, RESET_LINK)));
      const changed = newPassword();
      await page.getByLabel('New password').fill(changed);
      await page.getByRole('button', { name: 'Change password' }).click();
      // The account has two-factor authentication: the server asks for a code, the page too.
      const codeField = page.getByLabel('Two-factor code');
      await codeField.waitFor();
      await expect.poll(() => focusedName(page)).toBe('code');
      await shot(page, 'reset-password-code');
      await codeField.fill(await freshCode(secret));
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Password changed');

      // The old password no longer works; the new one does, here with a recovery code.
      await page.goto(`${suite.url}/signin`);
      await fillSignIn(page, email, password);
      await alert(page).waitFor();
      await fillSignIn(page, email, changed);
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await page.getByLabel('Recovery code').fill(recoveryCode);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(`${suite.url}/`);
      await expect.poll(() => accountButton(page).textContent()).toMatch(/Ada Lovelace/);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'sends signed-out visitors to sign in and back, and never to another site',
    async () => {
      const { email, password } = await sharedAccount();
      const page = await open('/settings');
      await page.waitForURL(/\/signin\?returnTo=%2Fsettings$/);
      await fillSignIn(page, email, password);
      await page.waitForURL('**/settings');
      // Signing out on a page that needs a session goes home, not back to the sign-in page.
      await signOut(page);
      await page.waitForURL(`${suite.url}/`);

      // A protocol-relative URL is another site: ignored.
      await page.goto(`${suite.url}/signin?returnTo=${encodeURIComponent('//evil.example/x')}`);
      await fillSignIn(page, email, password);
      await page.waitForURL(`${suite.url}/`);
      await accountButton(page).waitFor();
    },
    TIMEOUT,
  );

  it(
    'approves a device sign-in started by waymark login',
    async () => {
      const { email, password } = await sharedAccount();
      const grant = await startDeviceSignIn();

      const page = await open(`/device?code=${encodeURIComponent(grant.user_code)}`);
      await page.waitForURL(/\/signin\?returnTo=%2Fdevice%3Fcode%3D/);
      await fillSignIn(page, email, password);
      await page.waitForURL(/\/device\?code=/);
      expect(await page.locator('.user-code').textContent()).toBe(grant.user_code);
      // What is being approved: the app, and each permission it asks for in plain words.
      await page.getByText('Waymark CLI', { exact: true }).waitFor();
      expect(
        await page
          .getByRole('list', { name: 'Requested permissions' })
          .locator('li')
          .allTextContents(),
      ).toEqual(['See your profile', 'Read your progress', 'Change your progress']);
      await shot(page, 'device-confirm');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Device connected').waitFor();

      expect((await finishDeviceSignIn(grant)).token_type).toBe('Bearer');
    },
    TIMEOUT,
  );

  it(
    'signs a CLI out from Signed-in apps, after refusing an unknown code',
    async () => {
      // An account of its own: the shared one has the device test's CLI signed in.
      const { email, password } = await verifiedAccount('cli');
      const grant = await startDeviceSignIn('progress:read profile:read');
      const page = await open('/settings');
      await page.waitForURL(/\/signin\?returnTo=%2Fsettings$/);
      await fillSignIn(page, email, password);
      await page.waitForURL('**/settings');
      const apps = page.locator('#apps');
      await apps.getByText('No apps are signed in.').waitFor();

      // An unknown code says so, with nothing to approve.
      const device = page.locator('#device');
      const codeField = device.getByLabel('Code from your terminal');
      await codeField.fill('ZZZZ-ZZZZ');
      await device.getByRole('button', { name: 'Continue' }).click();
      await device.getByText(/unknown, already used or expired/).waitFor();
      expect(await device.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      await shot(page, 'device-unknown-code', device);

      // The real one, typed carelessly: the permissions asked for, then approved.
      await device.getByRole('button', { name: 'Enter a different code' }).click();
      await codeField.fill(grant.user_code.toLowerCase().replace('-', ' '));
      await device.getByRole('button', { name: 'Continue' }).click();
      // The list appears once the server has looked the code up: wait for it.
      await expect
        .poll(() =>
          device
            .getByRole('list', { name: 'Requested permissions' })
            .locator('li')
            .allTextContents(),
        )
        .toEqual(['See your profile', 'Read your progress']);
      await device.getByRole('button', { name: 'Approve' }).click();
      await device.getByText('Device connected').waitFor();
      const { refresh_token } = await finishDeviceSignIn(grant);

      // Listed under Signed-in apps (the page loaded before the CLI finished: reload).
      await page.reload();
      const row = apps.locator('.item', { hasText: 'Waymark CLI' });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('Can see your profile and read your progress');
      expect(text).toMatch(/Last used/);
      await shot(page, 'settings-signed-in-apps', apps);
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'settings-phone-signed-in-apps', apps);
      await page.setViewportSize({ width: 1280, height: 800 });

      // Revoked: gone from the list, and its refresh token no longer works.
      await row.getByRole('button', { name: /^Revoke/ }).click();
      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      await apps.getByText('No apps are signed in.').waitFor();
      const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token });
      expect(refreshed.status).toBe(400);
      expect(((await refreshed.json()) as { error: string }).error).toBe('invalid_grant');

      // Back from linking an external account: the outcome, once.
      await page.goto(`${suite.url}/settings?linked=1`);
      await page.getByText('Account linked.').waitFor();
      await page.waitForURL(`${suite.url}/settings`);
      await page.locator('#linked-accounts').getByText('No accounts are linked.').waitFor();
    },
    TIMEOUT,
  );

  it(
    'explains where an external sign-in went, and asks for its second factor',
    async () => {
      const page = await open('/signin?error=oidc-no-email');
      await page
        .getByRole('alert')
        .getByText(/did not share an email address/)
        .waitFor();
      // The message is read once; the address no longer carries it.
      await page.waitForURL(`${suite.url}/signin`);

      await page.goto(`${suite.url}/signin?link=required&provider=Keycloak`);
      await page.getByText(/Sign in with your password, then link Keycloak/).waitFor();
      await page.waitForURL(`${suite.url}/signin`);
      await shot(page, 'signin-link-required');

      await page.goto(
        `${suite.url}/signin?mfa=not-a-real-token&returnTo=${encodeURIComponent('/settings')}`,
      );
      await page.getByLabel('Authentication code').waitFor();
      await page.waitForURL(/\/signin\?returnTo=%2Fsettings$/);
    },
    TIMEOUT,
  );

  it(
    'fits a 375 px phone without horizontal overflow',
    async () => {
      const phone = {
        viewport: { width: 375, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      };
      for (const path of ['/signin', '/signup', '/forgot-password']) {
        const page = await open(path, phone);
        await page.locator('form').waitFor();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, `phone${path.replace(/\//g, '-')}`);
      }
    },
    TIMEOUT,
  );

  it(
    'passes axe-core scans of sign-in and settings in both themes',
    async () => {
      const page = await open('/signin', { colorScheme: 'light' });
      await page.locator('form').waitFor();
      const scanBothThemes = async (name: string): Promise<void> => {
        for (const scheme of ['light', 'dark'] as const) {
          await page.locator(`[data-theme-option=${scheme}]`).click();
          expect(await page.getAttribute('html', 'data-theme')).toBe(scheme);
          expect(await axeScan(page)).toEqual([]);
          await shot(page, `${name}-${scheme}`);
        }
      };
      await scanBothThemes('signin');
      // With errors showing, too.
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => focusedName(page)).toBe('email');
      await scanBothThemes('signin-errors');

      const { email, password } = await sharedAccount();
      await fillSignIn(page, email, password);
      await page.waitForURL(`${suite.url}/`);
      await page.goto(`${suite.url}/settings`);
      await page.getByText('This device', { exact: true }).waitFor();
      await page.locator('#tokens .item, #tokens .muted').first().waitFor();
      await scanBothThemes('settings');
      await accountButton(page).click();
      await scanBothThemes('account-menu');
    },
    TIMEOUT,
  );

  it('logged no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
