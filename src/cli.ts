/**
 * The `waymark` command line: serve (default), migrate, content check, export, admin, keys,
 * login/logout and progress.
 * Every failure prints a clear message and exits non-zero.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { login, LoginError, logout } from './cli/login.js';
import { exportFormatNames, exportProgress, importProgress } from './cli/portability.js';
import { DEFAULT_ROADMAP, ProgressError, setProgress, showProgress } from './cli/progress.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ContentError, formatProblem, readContent } from './content/read-content.js';
import { DatabaseInUseError, openDatabase } from './db/client.js';
import { exportFormats, roadmapFormats } from './modules/roadmaps/roadmap-formats.js';
import { pino } from 'pino';
import { AppError } from './http/errors.js';
import { createMailer } from './mail/mailer.js';
import { randomToken } from './modules/auth/tokens.js';
import { serve } from './server.js';
import { createSecurity, startCore } from './waymark.js';

/** A command that ran and failed: its message is printed and the exit code is 1. */
class CliFailure extends Error {}

function config(): Config {
  return loadConfig();
}

async function contentCheck(dir: string | undefined): Promise<void> {
  const root = path.resolve(dir ?? config().contentDir);
  try {
    const roadmaps = await readContent(root);
    const topics = roadmaps.reduce(
      (n, r) => n + r.sections.reduce((m, s) => m + s.topics.length, 0),
      0,
    );
    console.log(
      `ok: ${roadmaps.length} roadmap(s), ${topics} topic(s) in ${path.relative(process.cwd(), root) || '.'}`,
    );
  } catch (error) {
    if (error instanceof ContentError) {
      for (const p of error.problems) console.error(formatProblem(p));
      throw new CliFailure(`${error.problems.length} problem(s) found`);
    }
    throw error;
  }
}

async function migrate(): Promise<void> {
  const cfg = config();
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await database.migrate();
    console.log(`migrations applied (${database.kind})`);
  } finally {
    await database.close();
  }
}

async function exportRoadmap(
  slug: string,
  options: { format: string; out?: string },
): Promise<void> {
  const core = await startCore(config());
  try {
    const roadmap = core.roadmaps.roadmap(slug);
    const mediaType = exportFormats[options.format]!;
    const { body } = roadmapFormats[mediaType](roadmap.view, roadmap.topics);
    if (options.out) {
      await fs.writeFile(options.out, body);
      console.error(`wrote ${options.out}`);
    } else {
      process.stdout.write(body);
    }
  } finally {
    await core.database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function createAdmin(options: {
  email: string;
  name?: string;
  passwordStdin?: boolean;
}): Promise<void> {
  const cfg = config();
  const generated = options.passwordStdin ? undefined : randomToken('', 18);
  const password = generated ?? (await readStdin());
  const core = await startCore(cfg);
  try {
    // Errors only, on stderr: standard output carries the result (and a generated password).
    const log = pino({ level: 'error' }, pino.destination(2));
    const security = createSecurity(cfg, core, log, createMailer({ ...cfg.mail, logger: log }));
    const { user, created } = await security.admin.createAdmin({
      email: options.email,
      password,
      ...(options.name ? { displayName: options.name } : {}),
    });
    if (!created) {
      console.log(`${user.email} is now an administrator (the password is unchanged).`);
    } else if (generated) {
      console.log(`created administrator ${user.email}\npassword (shown once): ${generated}`);
    } else {
      console.log(`created administrator ${user.email}`);
    }
  } catch (error) {
    if (error instanceof AppError) {
      const fields = (error.extensions.errors as { message: string }[] | undefined) ?? [];
      throw new CliFailure([error.message, ...fields.map((f) => f.message)].join(' '));
    }
    throw error;
  } finally {
    await core.database.close();
  }
}

async function rotateKeys(): Promise<void> {
  const cfg = config();
  const core = await startCore(cfg);
  try {
    const log = pino({ level: 'error' }, pino.destination(2));
    const security = createSecurity(cfg, core, log, createMailer({ ...cfg.mail, logger: log }));
    const kid = await security.keys.rotate();
    console.log(
      `new signing key ${kid}; the previous one keeps verifying the tokens it signed until they expire`,
    );
  } finally {
    await core.database.close();
  }
}

export function buildCli(): Command {
  const program = new Command()
    .name('waymark')
    .description('Waymark: a self-hostable platform for following developer roadmaps.')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve', { isDefault: true })
    .description('run the server (HOST, PORT, DATABASE_URL, ... from the environment)')
    .action(() => serve(config()));

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(migrate);

  program
    .command('content')
    .description('work with roadmap content')
    .command('check')
    .description('validate roadmap content; prints each problem as file:line: message')
    .argument('[dir]', 'the content folder (default: WAYMARK_CONTENT_DIR or content/roadmaps)')
    .action(contentCheck);

  program
    .command('export')
    .description('write a roadmap as Markdown, JSON, CSV or printable HTML')
    .argument('<slug>', 'the roadmap, e.g. senior-backend')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(Object.keys(exportFormats))
        .default('md'),
    )
    .option('-o, --out <file>', 'write to a file instead of standard output', (value: string) => {
      if (value.trim() === '') throw new InvalidArgumentError('the file name is empty');
      return value;
    })
    .action(exportRoadmap);

  program
    .command('admin')
    .description('administer accounts')
    .command('create')
    .description('create the first administrator, or make an existing account one')
    .requiredOption('--email <email>', 'their email address', (value: string) => {
      if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new InvalidArgumentError('not an email address');
      return value;
    })
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option(
      '--password-stdin',
      'read the password from standard input (default: generate one and print it once)',
    )
    .action(createAdmin);

  program
    .command('keys')
    .description('manage the keys that sign access tokens')
    .command('rotate')
    .description(
      'start signing with a new key; servers on the same database pick it up within a minute',
    )
    .action(rotateKeys);

  const asFailure = (error: unknown) => {
    throw error instanceof LoginError || error instanceof ProgressError
      ? new CliFailure(error.message)
      : error;
  };
  program
    .command('login')
    .description('sign this terminal in to a Waymark server (you approve it in a browser)')
    .option('--server <url>', 'the server (default: WAYMARK_URL or http://127.0.0.1:3000)')
    .action(async (options: { server?: string }) => {
      await login(options).catch(asFailure);
    });
  program
    .command('logout')
    .description('sign this terminal out and forget its tokens')
    .action(() => logout().catch(asFailure));

  const serverOption = [
    '--server <url>',
    'the server (default: WAYMARK_URL or http://127.0.0.1:3000)',
  ] as const;
  const progress = program
    .command('progress')
    .description(
      'show your progress on a roadmap (WAYMARK_TOKEN, or the sign-in from waymark login)',
    )
    .argument('[slug]', 'the roadmap', DEFAULT_ROADMAP)
    .option(...serverOption)
    .action(async (slug: string, options: { server?: string }) => {
      await showProgress(slug, options).catch(asFailure);
    });
  progress
    .command('set')
    .description('set the status of a topic')
    .argument('<slug>', 'the roadmap, e.g. senior-backend')
    .argument('<topicId>', 'the topic, e.g. api-documentation')
    .argument('<status>', 'not_started, learning, done, skipped or review')
    .option(...serverOption)
    // --server may come before or after `set`: whichever command parsed it, it is here.
    .action(async (slug: string, topicId: string, status: string, _: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ server?: string }>();
      await setProgress(slug, topicId, status, options).catch(asFailure);
    });
  progress
    .command('export')
    .description('download everything you recorded (statuses, history, notes, links, ticks)')
    .addOption(
      new Option('--format <format>', 'json (to import again), csv or md')
        .choices(exportFormatNames)
        .default('json'),
    )
    .option('--roadmap <slug>', 'only this roadmap')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option(...serverOption)
    .action(async (_: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ server?: string; format?: string }>();
      await exportProgress(options).catch(asFailure);
    });
  progress
    .command('import')
    .description('import a JSON export: for the topics in it, its state replaces yours')
    .argument('<file>', 'the JSON file of `waymark progress export`')
    .option(...serverOption)
    .action(async (file: string, _: unknown, command: Command) => {
      await importProgress(file, command.optsWithGlobals<{ server?: string }>()).catch(asFailure);
    });

  return program;
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof ContentError) {
      console.error('Refusing to start: the roadmap content is invalid.');
      for (const p of error.problems) console.error(formatProblem(p));
    } else if (
      error instanceof CliFailure ||
      error instanceof DatabaseInUseError ||
      (error instanceof Error && error.name === 'AppError')
    ) {
      console.error(`error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}

// Run when executed directly (bin/waymark.js imports and calls main()).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
