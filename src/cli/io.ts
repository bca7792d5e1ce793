/** Where a command writes: results to `out`, diagnostics to `err`. Tests pass collectors. */
export interface CliIO {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd: string
  readonly env: Record<string, string | undefined>
  /** true when stdout is a terminal (progress bars, tables) */
  readonly isTTY: boolean
}

/** The real process's streams. */
export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  }
}
