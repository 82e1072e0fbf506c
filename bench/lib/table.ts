// Plain-text tables for the terminal: right-aligned numbers, left-aligned words. Pure.

export type Cell = string | number | undefined;

export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => show(r[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === undefined));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

function show(c: Cell): string {
  if (c === undefined) return '-';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : c.toFixed(c < 0.01 ? 6 : c < 10 ? 2 : 1);
  return c;
}
