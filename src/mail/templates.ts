/**
 * The mail Waymark sends, each as a plain-text and an HTML version built from the same
 * paragraphs, so the two never drift apart. Every value is escaped in the HTML version.
 */
import { escapeHtml } from '../content/markdown.js';
import type { MailMessage } from './mailer.js';

/** A paragraph of text, or a link on its own line. */
type Block = string | { label: string; href: string };

function compose(to: string, subject: string, blocks: Block[]): MailMessage {
  const all: Block[] = [...blocks, 'Thanks,\nWaymark'];
  const text = all
    .map((block) => (typeof block === 'string' ? block : `${block.label}:\n${block.href}`))
    .join('\n\n');
  const body = all
    .map((block) =>
      typeof block === 'string'
        ? `<p>${escapeHtml(block).replace(/\n/g, '<br>\n')}</p>`
        : `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`,
    )
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { to, subject, text: `${text}\n`, html };
}

/**
 * Whoever signs up chooses the display name, and the mail goes to an address they may not
 * own: keep it to one short line so it cannot pass for a paragraph of ours.
 */
function greetingName(displayName: string | null | undefined): string | undefined {
  const name = displayName?.replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  const chars = [...name];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : name;
}

export function verifyEmail({
  to,
  displayName,
  link,
}: {
  to: string;
  displayName?: string | null | undefined;
  link: string;
}): MailMessage {
  const name = greetingName(displayName);
  return compose(to, 'Confirm your email address for Waymark', [
    name ? `Hi ${name},` : 'Hi,',
    'Welcome to Waymark! Before you sign in, please confirm that this email address is yours.',
    { label: 'Confirm your email address', href: link },
    'If you did not create a Waymark account, ignore this message: the account stays inactive ' +
      'until the address is confirmed.',
  ]);
}

export function resetPassword({
  to,
  link,
  expiresInMinutes,
}: {
  to: string;
  link: string;
  expiresInMinutes: number;
}): MailMessage {
  return compose(to, 'Reset your Waymark password', [
    'Hi,',
    'Someone, hopefully you, asked to reset the password of the Waymark account that uses ' +
      'this email address. Open the link below to choose a new one.',
    { label: 'Choose a new password', href: link },
    `The link works once and expires in ${expiresInMinutes} minutes.`,
    'If you did not ask for this, ignore this message: your password stays as it is.',
  ]);
}

export function signupAttemptForExistingAccount({
  to,
  signInLink,
  resetLink,
}: {
  to: string;
  signInLink: string;
  resetLink: string;
}): MailMessage {
  return compose(to, 'Someone tried to sign up to Waymark with your email address', [
    'Hi,',
    'Someone just tried to create a new Waymark account with this email address, but you ' +
      'already have one. We did not tell them that.',
    'If it was you, sign in to your existing account instead.',
    { label: 'Sign in', href: signInLink },
    'Forgot your password? You can choose a new one.',
    { label: 'Reset your password', href: resetLink },
    'If it was not you, there is nothing to do: nobody gets into your account without your ' +
      'password.',
  ]);
}

export function passwordChanged({ to }: { to: string }): MailMessage {
  return compose(to, 'Your Waymark password was changed', [
    'Hi,',
    'The password of your Waymark account was just changed, and your other devices were ' +
      'signed out.',
    'If this was you, there is nothing more to do.',
    'If it was not you, someone may have access to your account: use "Forgot password" on ' +
      'the sign-in page to choose a new password right away, and tell your Waymark ' +
      'administrator.',
  ]);
}

export function mfaChanged({ to, enabled }: { to: string; enabled: boolean }): MailMessage {
  return enabled
    ? compose(to, 'Two-factor authentication is on for your Waymark account', [
        'Hi,',
        'Two-factor authentication was just turned on for your Waymark account. From now on, ' +
          'signing in takes your password and a code from your authenticator app.',
        'Keep your recovery codes somewhere safe: they get you in if you lose your device.',
        'If this was not you, someone may have access to your account: use "Forgot password" ' +
          'on the sign-in page right away, and tell your Waymark administrator.',
      ])
    : compose(to, 'Two-factor authentication was turned off for your Waymark account', [
        'Hi,',
        'Two-factor authentication was just turned off for your Waymark account. Signing in ' +
          'now takes only your password.',
        'If this was you, you can turn it back on at any time in your account settings.',
        'If this was not you, someone may have access to your account: use "Forgot password" ' +
          'on the sign-in page right away, and tell your Waymark administrator.',
      ]);
}
