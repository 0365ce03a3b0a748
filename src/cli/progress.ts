/**
 * `waymark progress [slug]` and `waymark progress set <slug> <topicId> <status>`: the learner's
 * progress from the command line, through the HTTP API. A personal access token in
 * WAYMARK_TOKEN wins; otherwise the sign-in saved by `waymark login` is used (and refreshed).
 */
import { styleText } from 'node:util';
import { authorizedFetch, loadCredentials, LoginError, serverUrl } from './login.js';

export const DEFAULT_ROADMAP = 'senior-backend';
const BAR_WIDTH = 20;
const STATUS_ORDER = ['done', 'learning', 'review', 'skipped', 'not_started'] as const;

type Status = (typeof STATUS_ORDER)[number];

interface Completion {
  topics: number;
  complete: number;
  percent: number;
}

export interface Progress {
  roadmapSlug: string;
  counts: Record<Status, number>;
  sections: (Completion & { sectionId: string; title: string })[];
  total: Completion;
}

interface StatusAnswer {
  topicId: string;
  status: Status;
  changed: boolean;
}

export interface ProgressOptions {
  server?: string;
}

export interface ProgressEnvironment {
  env?: NodeJS.ProcessEnv;
  print?: (line: string) => void;
  /** Colour the bars: only when standard output is a terminal (and NO_COLOR is unset). */
  color?: boolean;
}

/** A failure to show the user as is (no stack trace). */
export class ProgressError extends Error {
  override name = 'ProgressError';
}

/** `percent` rounds down on the server, so the bar is full only when every topic is. */
export function bar(percent: number, { width = BAR_WIDTH, color = false } = {}): string {
  const filled = Math.floor((Math.min(Math.max(percent, 0), 100) * width) / 100);
  const done = '█'.repeat(filled);
  const left = '░'.repeat(width - filled);
  if (!color) return done + left;
  // The caller has decided (stdout is a terminal); do not let styleText check again.
  const style = { validateStream: false };
  return styleText('green', done, style) + styleText('dim', left, style);
}

/** e.g. `████████░░░░  64%  (12/19)` */
export function completionLine(c: Completion, options: { width?: number; color?: boolean } = {}) {
  return `${bar(c.percent, options)} ${String(c.percent).padStart(3)}%  (${c.complete}/${c.topics})`;
}

export function formatProgress(title: string, progress: Progress, color = false): string[] {
  const labels = [...progress.sections.map((s) => s.title), 'Total'];
  const width = Math.max(...labels.map((l) => l.length));
  const row = (label: string, c: Completion) =>
    `  ${label.padEnd(width)}  ${completionLine(c, { color })}`;
  const counts = STATUS_ORDER.map((s) => `${s.replace('_', ' ')} ${progress.counts[s] ?? 0}`);
  return [
    `${title} (${progress.roadmapSlug})`,
    '',
    ...progress.sections.map((s) => row(s.title, s)),
    '',
    row('Total', progress.total),
    '',
    `  ${counts.join(' · ')}`,
  ];
}

/** Sends a request as the learner: WAYMARK_TOKEN if set, else the `waymark login` sign-in. */
export async function send(
  server: string,
  route: string,
  init: RequestInit,
  env: NodeJS.ProcessEnv,
) {
  const token = env.WAYMARK_TOKEN?.trim();
  try {
    if (token) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return await fetch(`${server}${route}`, { ...init, headers });
    }
    if (!(await loadCredentials(env))) {
      throw new ProgressError('Run `waymark login` first, or set WAYMARK_TOKEN');
    }
    return await authorizedFetch(server, route, init, env);
  } catch (error) {
    if (error instanceof ProgressError || error instanceof LoginError) throw error;
    const reason = error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : '';
    throw new ProgressError(`cannot reach ${server}${reason ? ` (${reason})` : ''}`);
  }
}

/** The body of a successful answer; a problem document's `detail` otherwise. */
export async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's error page): described by the status below.
  }
  if (response.ok) return body as T;
  const { detail, title, errors } = body;
  const message = typeof detail === 'string' ? detail : typeof title === 'string' ? title : '';
  // A validation problem names what was wrong with each field.
  const fields = Array.isArray(errors) ? (errors as { message?: unknown }[]) : [];
  const reasons = fields.map((f) => f.message).filter((m) => typeof m === 'string');
  throw new ProgressError([message || `HTTP ${response.status}`, ...reasons].join(' '));
}

const json = { accept: 'application/json' };

export async function showProgress(
  slug: string,
  options: ProgressOptions = {},
  {
    env = process.env,
    print = console.log,
    color = !!process.stdout.isTTY && !env.NO_COLOR,
  }: ProgressEnvironment = {},
) {
  const server = serverUrl(options.server, env);
  const path = encodeURIComponent(slug);
  const progress = await answer<Progress>(
    await send(server, `/api/v1/me/roadmaps/${path}/progress`, { headers: json }, env),
  );
  // The title is public; without it the slug alone still names the roadmap.
  const roadmap: { title?: string } = await fetch(`${server}/api/v1/roadmaps/${path}`, {
    headers: json,
  })
    .then((r) => (r.ok ? (r.json() as Promise<{ title?: string }>) : {}))
    .catch(() => ({}));
  for (const line of formatProgress(roadmap.title ?? slug, progress, color)) print(line);
}

export async function setProgress(
  slug: string,
  topicId: string,
  status: string,
  options: ProgressOptions = {},
  { env = process.env, print = console.log }: ProgressEnvironment = {},
) {
  const server = serverUrl(options.server, env);
  const topic = `/api/v1/me/roadmaps/${encodeURIComponent(slug)}/topics/${encodeURIComponent(topicId)}`;
  const result = await answer<StatusAnswer>(
    await send(
      server,
      `${topic}/status`,
      {
        method: 'PUT',
        headers: { ...json, 'content-type': 'application/json', 'x-waymark-source': 'cli' },
        body: JSON.stringify({ status }),
      },
      env,
    ),
  );
  if (!result.changed) {
    print(`${topicId}: already ${result.status}`);
    return;
  }
  // The previous status is in the history; a token without progress:read just does not show it.
  const history = await send(server, `${topic}/history`, { headers: json }, env)
    .then((r) => answer<{ events: { from: Status | null }[] }>(r))
    .catch(() => null);
  const from = history?.events[0] ? (history.events[0].from ?? 'not_started') : undefined;
  print(`${topicId}: ${result.status}${from ? ` (was ${from})` : ''}`);
}
