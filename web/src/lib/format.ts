export function formatHours(h: number): string {
  const rounded = h >= 10 ? Math.round(h) : Math.round(h * 2) / 2;
  return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
}
export function shortHours(h: number): string {
  const rounded = h >= 10 ? Math.round(h) : Math.round(h * 2) / 2;
  return `${rounded} h`;
}
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
