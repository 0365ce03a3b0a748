import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from '../src/http/csp';
import { authFixtures } from './fixture-auth/index.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const fixtures = fileURLToPath(new URL('./src/fixtures/', import.meta.url));

/** The strict policy the Waymark server sends; used here so fixture mode behaves the same. */
const CSP = contentSecurityPolicy;

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function json(res: ServerResponse, body: unknown): void {
  res.setHeader('content-type', 'application/json');
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Development only (WAYMARK_FIXTURES=1): answers the read API from web/src/fixtures/*.json, and
 * the accounts API from memory (fixture-auth/), so the UI can be built and tested without the
 * server. Never part of the production bundle.
 */
function fixtureApi(withCsp: boolean): Plugin {
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (withCsp) res.setHeader('content-security-policy', CSP);
    authFixtures(req, res, () => readApi(req, res, next));
  };
  const readApi = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/api/')) return next();
    const parts = url.pathname.split('/').filter(Boolean); // api v1 roadmaps slug topics id
    if (parts.length === 3 && parts[2] === 'roadmaps')
      return json(res, readFileSync(fixtures + 'roadmaps.json', 'utf8'));
    const slug = parts[3] ?? '';
    const viewFile = `${fixtures}${slug}.view.json`;
    if (parts[2] !== 'roadmaps' || !/^[a-z0-9-]+$/.test(slug) || !existsSync(viewFile)) {
      return problem(res, 404, 'Not Found', `There is no roadmap called "${slug}".`);
    }
    if (parts.length === 4) return json(res, readFileSync(viewFile, 'utf8'));
    if (parts.length === 6 && parts[4] === 'topics') {
      const topics = JSON.parse(readFileSync(`${fixtures}${slug}.topics.json`, 'utf8')) as Record<
        string,
        unknown
      >;
      const topic = topics[parts[5] ?? ''];
      if (!topic)
        return problem(res, 404, 'Not Found', `The roadmap "${slug}" has no topic "${parts[5]}".`);
      return json(res, topic);
    }
    return problem(res, 404, 'Not Found', 'No such resource.');
  };
  return {
    name: 'waymark-fixture-api',
    configureServer(server) {
      server.middlewares.use(handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use(handler);
    },
  };
}

const useFixtures = process.env.WAYMARK_FIXTURES === '1';
const apiTarget = process.env.WAYMARK_API ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root,
  publicDir: 'public',
  plugins: [
    react(),
    ...(useFixtures
      ? [fixtureApi(command === 'build' ? false : process.argv.includes('preview'))]
      : []),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep every asset a file: inline data: URLs would need a looser CSP.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: useFixtures ? undefined : { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: useFixtures ? undefined : { '/api': { target: apiTarget, changeOrigin: false } },
  },
}));
