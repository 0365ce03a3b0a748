/**
 * How tests start the `waymark` command: the built CLI when it is at least as new as every
 * source file (`npm test` builds first), which starts in a fraction of the time; otherwise
 * the sources through tsx, so a test never runs a stale build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/config.js';

const built = path.join(packageRoot, 'dist/server/cli.js');

function newestSource(): number {
  let newest = 0;
  for (const entry of readdirSync(path.join(packageRoot, 'src'), {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const useBuild = existsSync(built) && statSync(built).mtimeMs >= newestSource();

/** The program and leading arguments that run `waymark`. */
export const waymarkCommand: [string, string[]] = useBuild
  ? [process.execPath, [path.join(packageRoot, 'bin/waymark.js')]]
  : ['npx', ['tsx', 'src/cli.ts']];

/** How long a CLI test may take; a run is killed 5 s before, with what it started. */
export const CLI_TIMEOUT = 180_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** What it has printed so far (to read a prompt while it runs). */
  stdout: () => string;
  done: Promise<CliResult>;
}

/**
 * Starts `waymark <args>` with exactly `env` (callers pass the environment they mean), in a
 * process group of its own so that a run that hangs is killed with everything it started.
 */
export function spawnWaymark(args: string[], env: NodeJS.ProcessEnv, input?: string): CliRun {
  const child = spawn(waymarkCommand[0], [...waymarkCommand[1], ...args], {
    cwd: packageRoot,
    env,
    stdio: 'pipe',
    detached: true,
  });
  child.stdin.end(input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), CLI_TIMEOUT - 5_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, done };
}
