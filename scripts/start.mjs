// `npm start`: builds Waymark (server and web app) when the build is missing or older than its
// sources, so a fresh clone just works and a restart does not rebuild for nothing, then runs
// `waymark serve` in this same process, so SIGTERM from npm or an orchestrator reaches the
// server itself (a `build && serve` shell chain would leave the server orphaned).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist/.build-stamp');
const sources = ['src', 'web', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === 'node_modules' || child === 'dist') continue;
    max = Math.max(max, newest(path.join(entry, child)));
  }
  return max;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (built === 0 || Math.max(...sources.map(newest)) > built) {
  console.error('waymark: building (server and web app)...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, new Date().toISOString());
}

process.argv = [
  process.argv[0],
  path.join(root, 'bin/waymark.js'),
  'serve',
  ...process.argv.slice(2),
];
await import('../bin/waymark.js');
