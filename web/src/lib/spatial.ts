/** Spatial navigation: the nearest box in an arrow key's direction. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Direction = 'up' | 'down' | 'left' | 'right';

export function nearestInDirection<T extends { id: string; box: Rect }>(
  from: T,
  items: readonly T[],
  dir: Direction,
): T | null {
  const cx = from.box.x + from.box.width / 2;
  const cy = from.box.y + from.box.height / 2;
  let best: T | null = null;
  let bestScore = Infinity;
  for (const it of items) {
    if (it.id === from.id) continue;
    const dx = it.box.x + it.box.width / 2 - cx;
    const dy = it.box.y + it.box.height / 2 - cy;
    // Distance along the direction must be positive; sideways offset is penalised.
    const [main, side] =
      dir === 'left' ? [-dx, dy] : dir === 'right' ? [dx, dy] : dir === 'up' ? [-dy, dx] : [dy, dx];
    if (main <= 1) continue;
    const outsideCone = Math.abs(side) > main * 1.5 ? 1 : 0;
    const score = outsideCone * 1e6 + main + Math.abs(side) * 2;
    if (score < bestScore) {
      bestScore = score;
      best = it;
    }
  }
  return best;
}
