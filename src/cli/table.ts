/** One column of a text table: its heading, how to read the cell, and how wide it may grow. */
export interface Column<T> {
  readonly heading: string
  readonly cell: (row: T) => string | number | null
  /** longer cells are cut with an ellipsis (default 40) */
  readonly maxWidth?: number
  /** right-align numbers */
  readonly align?: 'left' | 'right'
}

// Count code points, not UTF-16 units, so "Malmö" and emoji-free Swedish text line up.
function width(text: string): number {
  return [...text].length
}

function fit(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return width(oneLine) <= max ? oneLine : `${[...oneLine].slice(0, Math.max(1, max - 1)).join('')}…`
}

/**
 * Renders rows as a plain-text table for a terminal: a heading line, a rule, one line per row.
 * @example renderTable([{ id: 1 }], [{ heading: 'ID', cell: (r) => r.id }])
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => fit(String(c.cell(r) ?? ''), c.maxWidth ?? 40)))
  const widths = columns.map((c, i) =>
    Math.max(width(c.heading), ...cells.map((line) => width(line[i] ?? ''))),
  )
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat((widths[i] ?? 0) - width(text))
    return columns[i]?.align === 'right' ? fill + text : text + fill
  }
  const lines = [
    columns.map((c, i) => pad(c.heading, i)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((line) => line.map(pad).join('  ')),
  ]
  return `${lines.map((l) => l.trimEnd()).join('\n')}\n`
}
