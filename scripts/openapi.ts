/**
 * Writes openapi/openapi.json from the route schemas (`npm run openapi`), or with --check
 * fails when the committed file is stale (CI runs that).
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/config.js';
import { openApiDocument } from '../src/http/openapi.js';
import { createWaymark } from '../src/waymark.js';
import { testConfig } from '../test/helpers/app.js';

const target = path.join(packageRoot, 'openapi/openapi.json');
const { app } = await createWaymark(testConfig(), { logger: false });
await app.ready();
const generated = openApiDocument(app);
await app.close();

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (committed !== generated) {
    console.error('openapi/openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi/openapi.json is up to date');
} else {
  fs.writeFileSync(target, generated);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
