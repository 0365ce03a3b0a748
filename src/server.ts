/**
 * `waymark serve`: listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests
 * finish, closes the database and exits 0. If that takes longer than the shutdown timeout,
 * it exits 1 rather than hang a deploy.
 */
import type { Config } from './config.js';
import { createWaymark } from './waymark.js';

export async function serve(config: Config): Promise<void> {
  const { app } = await createWaymark(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
}
