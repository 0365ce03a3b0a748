#!/usr/bin/env node
// The `waymark` command. Runs the compiled CLI; `npm run build` (or `npm start`) makes it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('waymark is not built yet: run `npm run build` first (npm start does it for you).');
  process.exit(1);
}
const { main } = await import(cli.href);
await main();
