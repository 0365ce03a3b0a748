import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (chunk: string) => (written.push(chunk), true) };
}

describe('progress bar', () => {
  it('when not on a terminal, then it writes a plain line at each tenth and one at the end', () => {
    const out = stream(false);
    let now = 0;
    const bar = progressBar(out, 1000, 'learners', () => now);
    for (let done = 50; done <= 1000; done += 50) {
      now += 1000;
      bar.update(done, 'x events');
    }
    bar.finish('x events');
    expect(out.written).toHaveLength(10);
    expect(out.written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(out.written[0]).toBe(
      'learners [###...........................] 10% 100/1,000 x events (2 s, 18 s left)\n',
    );
    expect(out.written.at(-1)).toMatch(/100% 1,000\/1,000 x events \(20 s\)\n$/);
  });

  it('when on a terminal, then it redraws one line at most ten times a second', () => {
    const out = stream(true);
    let now = 0;
    const bar = progressBar(out, 100, 'learners', () => now);
    for (let done = 1; done <= 100; done++) {
      now += 20;
      bar.update(done);
    }
    bar.finish();
    expect(out.written.length).toBeLessThanOrEqual(22);
    expect(out.written.every((chunk) => chunk.startsWith('\r\x1b[2K'))).toBe(true);
    expect(out.written.at(-1)).toMatch(/100% 100\/100 \(2 s\)\n$/);
  });
});
