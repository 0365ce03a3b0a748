import { describe, expect, it } from 'vitest';
import type { MailMessage } from './mailer.js';
import {
  mfaChanged,
  passwordChanged,
  resetPassword,
  signupAttemptForExistingAccount,
  verifyEmail,
} from './templates.js';

describe('templates', () => {
  const hostile = 'http://localhost:5173/x?token=a&b="<c>"';
  const templates: [string, MailMessage, string[]][] = [
    [
      'verifyEmail',
      verifyEmail({ to: 'ada@example.com', displayName: 'Ada', link: hostile }),
      [hostile],
    ],
    [
      'resetPassword',
      resetPassword({ to: 'ada@example.com', link: hostile, expiresInMinutes: 30 }),
      [hostile],
    ],
    [
      'signupAttemptForExistingAccount',
      signupAttemptForExistingAccount({
        to: 'ada@example.com',
        signInLink: `${hostile}&sign-in`,
        resetLink: `${hostile}&reset`,
      }),
      [`${hostile}&sign-in`, `${hostile}&reset`],
    ],
    ['passwordChanged', passwordChanged({ to: 'ada@example.com' }), []],
    ['mfaChanged (on)', mfaChanged({ to: 'ada@example.com', enabled: true }), []],
    ['mfaChanged (off)', mfaChanged({ to: 'ada@example.com', enabled: false }), []],
  ];

  it.each(templates)('%s has a subject, a text and an HTML version', (_name, mail, links) => {
    expect(mail.to).toBe('ada@example.com');
    expect(mail.subject).toMatch(/Waymark/);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain(`<title>${mail.subject}</title>`);
    for (const link of links) {
      expect(mail.text).toContain(link);
      const escaped = link
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
      expect(mail.html).toContain(`href="${escaped}"`);
    }
    expect(mail.html).not.toContain('<c>');
  });

  it('escapes the display name in the HTML version and keeps it plain in the text', () => {
    const mail = verifyEmail({
      to: 'ada@example.com',
      displayName: '<script>alert("hi")</script>',
      link: 'http://localhost/v',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hi &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;,');
    expect(mail.text).toContain('Hi <script>alert("hi")</script>,');
  });

  it('keeps a display name to one short line', () => {
    const mail = verifyEmail({
      to: 'ada@example.com',
      displayName: `Ada\n\nVisit http://evil.test now ${'x'.repeat(100)}`,
      link: 'http://localhost/v',
    });
    const greeting = mail.text.split('\n')[0]!;
    expect(greeting).toMatch(/^Hi Ada Visit http:\/\/evil\.test now x+…,$/);
    expect([...greeting].length).toBeLessThanOrEqual('Hi ,'.length + 60);
  });

  it('greets without a name when there is none', () => {
    const mail = verifyEmail({ to: 'ada@example.com', displayName: '  ', link: 'http://x/v' });
    expect(mail.text.startsWith('Hi,\n')).toBe(true);
  });

  it('says how long a reset link lasts', () => {
    const mail = resetPassword({ to: 'a@b.test', link: 'http://x/r', expiresInMinutes: 45 });
    expect(mail.text).toContain('45 minutes');
    expect(mail.html).toContain('45 minutes');
  });

  it('tells turning two-factor authentication on from turning it off', () => {
    const on = mfaChanged({ to: 'a@b.test', enabled: true });
    const off = mfaChanged({ to: 'a@b.test', enabled: false });
    expect(on.subject).toMatch(/is on/);
    expect(off.subject).toMatch(/turned off/);
  });
});
