/**
 * `waymark progress export` and `waymark progress import <file>`: the learner's data out and
 * back in from the command line, through the API (`/me/export`, `/me/import`), with the same
 * credentials as `waymark progress` (WAYMARK_TOKEN, or the `waymark login` sign-in).
 */
import fs from 'node:fs/promises';
import { serverUrl } from './login.js';
import { answer, ProgressError, send, type ProgressEnvironment } from './progress.js';
import type { ImportSummary } from '../modules/portability/portability.schemas.js';

export const exportFormatNames = ['json', 'csv', 'md'] as const;

export interface ExportOptions {
  server?: string;
  format?: string;
  roadmap?: string;
  /** A file to write; standard output without it. */
  output?: string;
}

export async function exportProgress(
  options: ExportOptions = {},
  { env = process.env, print = console.log }: ProgressEnvironment = {},
): Promise<void> {
  const server = serverUrl(options.server, env);
  const query = new URLSearchParams({ format: options.format ?? 'json' });
  if (options.roadmap) query.set('roadmap', options.roadmap);
  const response = await send(server, `/api/v1/me/export?${query.toString()}`, {}, env);
  if (!response.ok) await answer(response);
  const body = await response.text();
  if (!options.output) {
    process.stdout.write(body);
    return;
  }
  await fs.writeFile(options.output, body);
  print(`wrote ${options.output}`);
}

export async function importProgress(
  file: string,
  options: { server?: string } = {},
  { env = process.env, print = console.log }: ProgressEnvironment = {},
): Promise<void> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ProgressError(`cannot read ${file} (${(error as Error).message})`);
  }
  const server = serverUrl(options.server, env);
  const response = await send(
    server,
    '/api/v1/me/import',
    {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: text,
    },
    env,
  );
  if (response.status === 422) {
    // Every problem at its place in the file, one a line, as an editor can jump to them.
    const problem = (await response.json()) as {
      detail?: string;
      errors?: { field: string; message: string }[];
    };
    const lines = (problem.errors ?? []).map((e) => `  ${file}#${e.field || '/'}: ${e.message}`);
    throw new ProgressError([problem.detail ?? 'The file was refused.', ...lines].join('\n'));
  }
  const s = await answer<ImportSummary>(response);
  print(
    `imported ${s.topics} topic(s) on ${s.roadmaps} roadmap(s): ${s.historiesRestored} ` +
      `history(ies) restored, ${s.statusesChanged} status(es) changed, ${s.notesWritten} ` +
      `note(s), links on ${s.linksReplaced}, ticked concepts on ${s.conceptChecksReplaced}, ` +
      `${s.unchanged} unchanged`,
  );
}
