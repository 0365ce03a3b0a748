import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailboxRoutes } from './dev-mailbox.routes.js';
import { DevMailbox, type MailLogger } from './mailer.js';

const silent: MailLogger = { info: () => {}, warn: () => {} };

describe('dev mailbox routes', () => {
  const mailbox = new DevMailbox(silent);
  const app = Fastify();
  const declared: { method: unknown; url: string; access: unknown }[] = [];
  app.addHook('onRoute', (route) => {
    declared.push({ method: route.method, url: route.url, access: route.config?.access });
  });

  beforeAll(async () => {
    await app.register(swagger, {
      openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
    });
    await app.register(devMailboxRoutes, { mailbox });
    await app.ready();
    await mailbox.send({
      to: 'ada@example.com',
      subject: 'Confirm your email address',
      text: 'Confirm here:\nhttp://localhost:5173/verify-email?token=abc&next=%2F.\nThanks',
      html: '<p>Confirm</p>',
    });
    await mailbox.send({
      to: 'bob@example.com',
      subject: '<script>alert(1)</script>',
      text: 'Not a link: javascript:alert(1) <b>bold</b>',
      html: '<p>x</p>',
    });
  });
  afterAll(() => app.close());

  describe('GET /dev/mailbox', () => {
    it('lists the messages newest first, with recipient, subject and time', async () => {
      const res = await app.inject({ url: '/dev/mailbox' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const [newest, oldest] = mailbox.messages();
      expect(res.body.indexOf('bob@example.com')).toBeLessThan(res.body.indexOf('ada@example.com'));
      expect(res.body).toContain('<h2>Confirm your email address</h2>');
      expect(res.body).toContain(`<time datetime="${oldest!.at}">`);
      expect(res.body).toContain(`<time datetime="${newest!.at}">`);
    });

    it('turns the URLs in the text into links, leaving trailing punctuation out', async () => {
      const res = await app.inject({ url: '/dev/mailbox' });
      const url = 'http://localhost:5173/verify-email?token=abc&amp;next=%2F';
      expect(res.body).toContain(`Confirm here:\n<a href="${url}">${url}</a>.\nThanks`);
    });

    it('escapes what the messages contain and links only http(s) URLs', async () => {
      const res = await app.inject({ url: '/dev/mailbox' });
      expect(res.body).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
      expect(res.body).toContain('Not a link: javascript:alert(1) &lt;b&gt;bold&lt;/b&gt;');
      expect(res.body).not.toContain('href="javascript');
    });

    it('works under a strict CSP: no script or inline style, an external stylesheet', async () => {
      const res = await app.inject({ url: '/dev/mailbox' });
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("style-src 'self'");
      expect(res.body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(res.body).toContain('<link rel="stylesheet" href="mailbox.css">');

      const css = await app.inject({ url: '/dev/mailbox.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.body).toContain('pre {');
    });

    it('says so when there is no mail yet', async () => {
      const empty = Fastify();
      await empty.register(devMailboxRoutes, { mailbox: new DevMailbox(silent) });
      const res = await empty.inject({ url: '/dev/mailbox' });
      expect(res.body).toContain('No messages yet.');
      await empty.close();
    });
  });

  describe('GET /dev/mailbox/messages', () => {
    it('answers every message as JSON, newest first', async () => {
      const res = await app.inject({ url: '/dev/mailbox/messages' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ messages: mailbox.messages() });
      expect(res.json<{ messages: { to: string }[] }>().messages.map((m) => m.to)).toEqual([
        'bob@example.com',
        'ada@example.com',
      ]);
    });

    it('keeps only the messages to ?to=, ignoring case', async () => {
      const res = await app.inject({
        url: '/dev/mailbox/messages',
        query: { to: 'ADA@example.com' },
      });
      expect(res.json()).toEqual({ messages: [mailbox.latest('ada@example.com')] });
      const none = await app.inject({
        url: '/dev/mailbox/messages',
        query: { to: 'nobody@example.com' },
      });
      expect(none.json()).toEqual({ messages: [] });
    });
  });

  it('declares every route public and keeps them all out of the OpenAPI document', () => {
    const gets = declared.filter((route) => route.method === 'GET');
    expect(gets.map((route) => route.url).sort()).toEqual([
      '/dev/mailbox',
      '/dev/mailbox.css',
      '/dev/mailbox/messages',
    ]);
    // HEAD routes are added beside each GET; all of them carry the declaration.
    expect(declared.every((route) => route.access === 'public')).toBe(true);
    expect(Object.keys(app.swagger().paths ?? {})).toEqual([]);
  });
});
