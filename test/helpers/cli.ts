/**
 * How tests start the `waymark` command: the built CLI when it is at least as new as every
 * source file (`npm test` builds first), which starts in a fraction of the time; otherwise
 * the sources through tsx, so a test never runs a stale build.
 */
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
