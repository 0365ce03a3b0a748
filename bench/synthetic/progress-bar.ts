/**
 * A one-line progress bar for long command-line jobs. On a terminal it redraws in place (at
 * most ten times a second); when the stream is a file or a pipe it writes a plain line at
 * each tenth instead, so logs stay readable.
 */
import type { WriteStream } from 'node:tty';

export interface ProgressBar {
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

const WIDTH = 30;

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function progressBar(
  stream: Pick<WriteStream, 'write'> & { isTTY?: boolean },
  total: number,
  label: string,
  now: () => number = Date.now,
): ProgressBar {
  const started = now();
  let drawn = 0;
  let lastTenth = 0;
  const line = (done: number, detail: string | undefined) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    const elapsed = now() - started;
    const eta = share > 0 && share < 1 ? `, ${seconds((elapsed / share) * (1 - share))} left` : '';
    return (
      `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ` +
      `${Math.floor(share * 100)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}` +
      `${detail ? ` ${detail}` : ''} (${seconds(elapsed)}${eta})`
    );
  };
  return {
    update(done, detail) {
      if (stream.isTTY) {
        if (now() - drawn < 100 && done < total) return;
        drawn = now();
        stream.write(`\r\x1b[2K${line(done, detail)}`);
        return;
      }
      const tenth = Math.floor((total === 0 ? 1 : done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line(done, detail)}\n`);
      }
    },
    finish(detail) {
      if (stream.isTTY) stream.write(`\r\x1b[2K${line(total, detail)}\n`);
      else if (lastTenth < 10) stream.write(`${line(total, detail)}\n`);
    },
  };
}
