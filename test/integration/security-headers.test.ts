/**
 * Security headers: the strict CSP on the web app, the standalone HTML export's own policy,
 * HSTS only over HTTPS (through a trusted proxy, or with direct TLS).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/http/csp.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const [target] = databaseTargets; // headers do not depend on the database

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target!);
  });
  afterAll(() => t.close());

  it('sends the strict policy and the usual hardening headers, but no HSTS over HTTP', async () => {
    for (const url of ['/', '/api/v1/roadmaps', '/api/v1/nope']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // An error answered by the error handler keeps them too (malformed JSON: 400).
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
    expect(bad.headers['x-request-id']).toEqual(expect.any(String));
    expect(contentSecurityPolicy).toMatch(/script-src 'self';/);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('serves the standalone HTML page with a policy allowing only its own stylesheet', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/roadmaps/senior-backend',
      headers: { accept: 'text/html' },
    });
    const css = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(res.body).not.toMatch(/<script/i);
  });

  it('lets Swagger UI run under the policy its plugin maintains', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('serves the dev mailbox only to this machine', async () => {
    const local = await t.app.inject({ method: 'GET', url: '/dev/mailbox/messages' });
    expect(local.statusCode).toBe(200);
    const remote = await t.app.inject({
      method: 'GET',
      url: '/dev/mailbox/messages',
      remoteAddress: '203.0.113.9',
    });
    expect(remote.statusCode).toBe(404);
  });

  it('never serves the dev mailbox in production', async () => {
    const production = await createTestApp(target!, {
      env: 'production',
      mail: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'Waymark <w@example.test>' },
    });
    try {
      for (const url of ['/dev/mailbox', '/dev/mailbox/messages']) {
        expect((await production.app.inject({ method: 'GET', url })).statusCode).toBe(404);
      }
    } finally {
      await production.close();
    }
  });

  it('adds HSTS when a trusted proxy says the request came over HTTPS', async () => {
    const proxied = await createTestApp(target!, { trustProxy: ['127.0.0.1'] });
    try {
      const secure = await proxied.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(secure.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const spoofed = await t.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('serves HTTPS directly with TLS_CERT_FILE and TLS_KEY_FILE', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-tls-'));
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const secure = await createTestApp(target!, { tls: { certFile, keyFile } });
    try {
      await secure.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = secure.app.server.address() as { port: number };
      const res = await new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
        https
          .get(
            { host: '127.0.0.1', port, path: '/healthz', ca: execFileSync('cat', [certFile]) },
            (r) => {
              r.resume();
              resolve({ status: r.statusCode!, hsts: r.headers['strict-transport-security'] });
            },
          )
          .on('error', reject);
      });
      expect(res).toEqual({ status: 200, hsts: 'max-age=31536000; includeSubDomains' });
    } finally {
      await secure.close();
    }
  });
});
